// Opens each report.html in headless Chromium at several widths, on screen
// and in print, and checks that the page is laid out as a page: nothing
// sticks out of the page's content box sideways, and no two blocks of text
// overlap. Saves a screenshot of every view.
//
// usage: node layout.js CHROMIUM SHOTS_DIR DIR...
//
// For each DIR holding report.html, writes SHOTS_DIR/NAME/VIEW.png (NAME is
// the DIR's base name, VIEW one of the views below) and the printed
// SHOTS_DIR/NAME/report.pdf, and prints every problem found as one line
// naming the example, the view, the element (tag, id, class, text, and the
// element it is in) and the size and place of the problem. Exits 0 when
// there is none, 1 when there is one, 2 when the browser cannot do its part.
//
// Nothing here knows one report from another: layout.sh passes every
// example under examples/, so a new example, of whatever kind of document,
// is checked as it is added; a new view is one more entry of VIEWS.
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

// What a reader sees: a desktop screen, a phone, and the printed A4 page.
// In print, the style sheet's @page rule leaves 21 cm - 2 x 2 cm = 17 cm of
// the A4 sheet for the text; Chromium lays the page out at that width when it
// prints, so print media is emulated at that width, in CSS pixels (96 per
// inch). The height only sets the first screen; screenshots take the whole
// page.
const A4_TEXT_WIDTH = Math.floor((170 / 25.4) * 96);
const VIEWS = [
  { name: "screen-1280", label: "screen 1280 px", media: "screen", width: 1280, height: 900 },
  { name: "screen-390", label: "screen 390 px", media: "screen", width: 390, height: 844 },
  { name: "print-a4", label: "print A4", media: "print", width: A4_TEXT_WIDTH, height: 1123 },
];

// At most this many problems are printed per example and view; the count of
// the others follows.
const MAX_SHOWN = 12;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // The same pixels whatever the machine's display says.
  "--force-device-scale-factor=1",
  "--font-render-hinting=none",
];

// Runs in the page. Returns the problems found, each as a sentence.
//
// The page's content box is that of the `.page` column (its border box
// less its borders and padding), which must itself lie within the viewport.
//
// Boxes: the border box of every element inside the column, and the line
// boxes of every text node, must lie within the content box, horizontally,
// to within TOL pixels. Only the outermost element sticking out is named,
// with the number of elements inside it that stick out too.
//
// Overlap: every line of text belongs to a block: its nearest ancestor that
// is not laid out inline, or that floats (a hanging number or marker is its
// own block). Two lines of two different blocks must not overlap by more than
// TOL pixels both across and down. Each pair of blocks is named once, with
// the largest overlap found between them.
function measure() {
  const TOL = 0.5;
  const hidden = (el) => el.closest(".visually-hidden") !== null;
  const round = (x) => Math.round(x * 10) / 10;
  const tag = (el) => {
    let d = "<" + el.tagName.toLowerCase();
    if (el.id) d += ' id="' + el.id + '"';
    if (el.className && typeof el.className === "string") d += ' class="' + el.className + '"';
    return d + ">";
  };
  // The element, the start of its text, and the element it is in: the
  // culprit is often the container (a list's class, a table's cell).
  const describe = (el) => {
    let d = tag(el);
    const text = (el.textContent || "").replace(/\s+/g, " ").trim();
    if (text) d += ' "' + (text.length > 60 ? text.slice(0, 57) + "..." : text) + '"';
    if (el.parentElement && el.parentElement !== page) d += " in " + tag(el.parentElement);
    return d;
  };
  const problems = [];

  const page = document.querySelector(".page");
  if (!page) return { problems: ["the page has no .page column to check"], checked: 0 };
  const style = getComputedStyle(page);
  const outer = page.getBoundingClientRect();
  const box = {
    left: outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
    right: outer.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight),
  };
  const viewport = document.documentElement.clientWidth;
  if (box.left < -TOL || box.right > viewport + TOL) {
    problems.push(
      `the page's content box (x ${round(box.left)} to ${round(box.right)}) is not within ` +
        `the ${viewport} px wide viewport`,
    );
  }
  const scrolled = document.documentElement.scrollWidth;
  if (scrolled > viewport + TOL) {
    problems.push(`the page scrolls sideways: it is ${scrolled} px wide in a ${viewport} px viewport`);
  }

  // Sticking out, element by element and line by line.
  const sticking = new Map(); // element -> how far it sticks out, and where
  const note = (el, left, right, what) => {
    const beyondLeft = box.left - left;
    const beyondRight = right - box.right;
    if (beyondLeft <= TOL && beyondRight <= TOL) return;
    const side = beyondLeft > beyondRight ? "left" : "right";
    const by = Math.max(beyondLeft, beyondRight);
    const seen = sticking.get(el);
    if (!seen || seen.by < by) sticking.set(el, { by, side, what, left, right });
  };
  const elements = [...page.querySelectorAll("*")].filter((el) => !hidden(el));
  for (const el of elements) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    note(el, r.left, r.right, "its box");
  }

  // Every line of text, with its block.
  const blockOf = (node) => {
    for (let el = node.parentElement; el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.display !== "inline" && s.display !== "contents") return el;
      if (s.float !== "none" || s.position === "absolute" || s.position === "fixed") return el;
    }
    return document.body;
  };
  const lines = [];
  const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim() || hidden(n.parentElement)) continue;
    const block = blockOf(n);
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width <= TOL || r.height <= TOL) continue;
      lines.push({ block, left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      note(block, r.left, r.right, "its text");
    }
  }

  // Only the outermost of the elements that stick out is named.
  for (const [el, s] of sticking) {
    let parent = el.parentElement;
    while (parent && !sticking.has(parent)) parent = parent.parentElement;
    if (parent) continue;
    let inside = 0;
    for (const other of sticking.keys()) if (other !== el && el.contains(other)) inside++;
    const edge = s.side === "left" ? box.left : box.right;
    problems.push(
      `${describe(el)}: ${s.what} sticks out ${round(s.by)} px past the ${s.side} edge of ` +
        `the page's content box (x ${round(s.left)} to ${round(s.right)}, edge at ${round(edge)})` +
        (inside ? `, with ${inside} element(s) inside it` : ""),
    );
  }

  // Overlaps: a sweep down the page over the lines sorted by their top.
  lines.sort((a, b) => a.top - b.top);
  const pairs = new Map();
  const blocks = new Map();
  const idOf = (el) => {
    if (!blocks.has(el)) blocks.set(el, blocks.size);
    return blocks.get(el);
  };
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    for (let j = i + 1; j < lines.length && lines[j].top < a.bottom - TOL; j++) {
      const b = lines[j];
      if (a.block === b.block) continue;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across <= TOL || down <= TOL) continue;
      const [first, second] = a.block.compareDocumentPosition(b.block) & Node.DOCUMENT_POSITION_FOLLOWING
        ? [a.block, b.block]
        : [b.block, a.block];
      const key = idOf(first) + " " + idOf(second);
      const seen = pairs.get(key);
      if (!seen || seen.across * seen.down < across * down) {
        pairs.set(key, {
          first,
          second,
          across,
          down,
          x: Math.max(a.left, b.left),
          y: Math.max(a.top, b.top) + window.scrollY,
        });
      }
    }
  }
  for (const o of pairs.values()) {
    problems.push(
      `${describe(o.first)} overlaps ${describe(o.second)}: their text overlaps by ` +
        `${round(o.across)} x ${round(o.down)} px at (${round(o.x)}, ${round(o.y)})`,
    );
  }
  return { problems, checked: elements.length, lines: lines.length };
}

async function main() {
  const [executablePath, shotsDir, ...dirs] = process.argv.slice(2);
  if (!executablePath || !shotsDir || dirs.length === 0) {
    console.error("usage: node layout.js CHROMIUM SHOTS_DIR DIR...");
    process.exit(2);
  }
  // No timeouts of our own: a loaded machine only makes the check slower,
  // and the test runner bounds the whole run.
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 0 });
  let failed = 0;
  try {
    for (const dir of dirs) {
      const name = path.basename(dir);
      const url = pathToFileURL(path.join(dir, "report.html")).href;
      fs.mkdirSync(path.join(shotsDir, name), { recursive: true });
      for (const view of VIEWS) {
        const context = await browser.newContext({
          viewport: { width: view.width, height: view.height },
          deviceScaleFactor: 1,
        });
        context.setDefaultTimeout(0);
        context.setDefaultNavigationTimeout(0);
        const page = await context.newPage();
        await page.emulateMedia({ media: view.media });
        await page.goto(url, { waitUntil: "load" });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const result = await page.evaluate(measure);
        const shot = path.join(shotsDir, name, view.name + ".png");
        await page.screenshot({ path: shot, fullPage: true, animations: "disabled" });
        if (view.media === "print") {
          // The real printed pages too, as the output checks print them.
          await page.pdf({
            path: path.join(shotsDir, name, "report.pdf"),
            format: "A4",
            preferCSSPageSize: true,
          });
        }
        await context.close();

        const where = `${name}, ${view.label}`;
        if (result.problems.length === 0) {
          console.log(
            `layout: ${where}: ${result.checked} elements and ${result.lines} lines of text ` +
              `within the page, no overlap`,
          );
          continue;
        }
        failed++;
        for (const p of result.problems.slice(0, MAX_SHOWN)) console.log(`layout: FAIL: ${where}: ${p}`);
        if (result.problems.length > MAX_SHOWN) {
          console.log(`layout: FAIL: ${where}: and ${result.problems.length - MAX_SHOWN} more problems`);
        }
        console.log(`layout: ${where}: see ${shot}`);
      }
    }
  } finally {
    await browser.close();
  }
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`layout: ${e.stack || e}`);
  process.exit(2);
});
