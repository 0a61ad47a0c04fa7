// Opens each report.html in headless Chromium at several widths, on screen
// and in print, and checks that the page is laid out as a page: nothing
// sticks out of the page's content box sideways, and no two blocks of text
// overlap; and that it runs in its language's direction (direction() below
// says how). Saves a screenshot of every view.
//
// usage: node layout.js CHROMIUM SHOTS_DIR [--lang LANG] DIR...
//
// --lang LANG says the language of the DIRs after it (until the next
// --lang; "en" before the first): the page's html element must say it, and
// dir="rtl" when it is written right to left. --mirror NAME before a DIR
// says that its page is the mirror image of the page of NAME, a DIR given
// before it, in the other direction (mirrored() below says how).
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
  // A redline's changed block stands its rule in the margin on purpose
  // (html-redline.css): its box is measured within its border and padding.
  for (const el of elements) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.classList.contains("redline-block")) {
      const s = getComputedStyle(el);
      const left = r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);
      const right = r.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight);
      note(el, left, right, "its box within its rule");
      continue;
    }
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

// The languages written right to left, and the script of those whose
// letters the Latin fonts do not have: their text must be drawn in a font
// that covers the language (fontsOf below).
const RIGHT_TO_LEFT = new Set(["ar"]);
const SCRIPTS = { ar: /\p{Script=Arabic}/u, zh: /\p{Script=Han}/u, ru: /\p{Script=Cyrillic}/u };

// Runs in the page, after measure(). Returns the problems found with the
// page's direction, each as a sentence, for a page in the language
// `expect.lang`, right to left when `expect.rtl`:
//
// - the html element has lang="LANG", and dir="rtl" when right to left
//   (otherwise no dir or dir="ltr"); the body's computed direction follows;
// - every hanging number or marker (a .number or .marker that floats) is
//   on the start side of its text: to the right of every line of its block
//   that it stands beside when right to left, to the left otherwise;
// - a section's heading, the box's headings and paragraphs, and each
//   paragraph of a section, unless centred (an annex's heading), start
//   their first line at the start edge of
//   their content box (the right one when right to left), or at the inner
//   edge of their hanging number when that one is wider than its column;
// - a redline's changed blocks are ruled on the start side only (a moved
//   one with a double rule).
//
// A right-to-left page must have at least one hanging number checked: one
// whose numbers are not found would pass anything.
function direction(expect) {
  const TOL = 1.5;
  const round = (x) => Math.round(x * 10) / 10;
  const problems = [];
  const root = document.documentElement;
  const lang = root.getAttribute("lang");
  const dir = root.getAttribute("dir");
  if (lang !== expect.lang) problems.push(`the html element has lang="${lang}", not "${expect.lang}"`);
  if (expect.rtl ? dir !== "rtl" : dir !== null && dir !== "ltr") {
    const has = dir === null ? "no dir" : `dir="${dir}"`;
    problems.push(`the html element has ${has}, not ${expect.rtl ? '"rtl"' : 'none or "ltr"'}`);
  }
  const computed = getComputedStyle(document.body).direction;
  if (computed !== (expect.rtl ? "rtl" : "ltr")) problems.push(`the body is laid out ${computed}`);
  const side = expect.rtl ? "right" : "left";
  const page = document.querySelector(".page");
  if (!page) return { problems, numbers: 0, starts: 0 };
  const hidden = (el) => el.closest(".visually-hidden") !== null;
  const tag = (el) => {
    let d = "<" + el.tagName.toLowerCase();
    if (el.id) d += ' id="' + el.id + '"';
    if (el.className && typeof el.className === "string") d += ' class="' + el.className + '"';
    const text = (el.textContent || "").replace(/\s+/g, " ").trim();
    return d + ">" + (text ? ' "' + (text.length > 40 ? text.slice(0, 37) + "..." : text) + '"' : "");
  };
  // The block a text node is laid out in: its nearest ancestor that is not
  // inline.
  const blockOf = (node) => {
    for (let el = node.parentElement; el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.display !== "inline" && s.display !== "contents") return el;
    }
    return document.body;
  };
  const hanging = ".number, .marker";
  // The line boxes of the text of `block` itself: not that of a nested
  // block, of a hanging number or of hidden text.
  const range = document.createRange();
  const linesOf = (block) => {
    const out = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim() || hidden(n.parentElement) || n.parentElement.closest(hanging)) continue;
      if (blockOf(n) !== block) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0.5 && r.height > 0.5) out.push(r);
    }
    return out;
  };
  const floating = (el) => getComputedStyle(el).float !== "none";

  // Hanging numbers and markers.
  let numbers = 0;
  for (const num of page.querySelectorAll(hanging)) {
    if (hidden(num) || !floating(num)) continue;
    const n = num.getBoundingClientRect();
    if (n.width === 0) continue;
    const block = num.parentElement.closest("p, h2, li, div");
    if (!block) continue;
    const beside = linesOf(block).filter((r) => r.top < n.bottom - TOL && r.bottom > n.top + TOL);
    if (beside.length === 0) continue;
    numbers++;
    const wrong = expect.rtl
      ? beside.filter((r) => r.right > n.left + TOL)
      : beside.filter((r) => r.left < n.right - TOL);
    if (wrong.length) {
      const r = wrong[0];
      problems.push(
        `the number ${tag(num)} (x ${round(n.left)} to ${round(n.right)}) is not on the ${side} ` +
          `of its text in ${tag(block)}: a line runs from x ${round(r.left)} to ${round(r.right)}`,
      );
    }
  }
  if (numbers === 0 && expect.rtl) problems.push("no hanging paragraph number was found to check");

  // Where the first line starts.
  let starts = 0;
  const starting = ".section > h2, .summary-box h2, .summary-box .para, .section > .para";
  for (const block of page.querySelectorAll(starting)) {
    if (hidden(block) || getComputedStyle(block).textAlign === "center") continue;
    const lines = linesOf(block);
    if (lines.length === 0) continue;
    const top = lines.reduce((a, b) => (b.top < a.top ? b : a));
    const first = lines.filter((r) => r.top < top.bottom - TOL);
    const b = block.getBoundingClientRect();
    const s = getComputedStyle(block);
    let edge = expect.rtl
      ? b.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight)
      : b.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);
    const num = [...block.children].find((c) => c.matches(hanging) && floating(c));
    if (num) {
      const n = num.getBoundingClientRect();
      edge = expect.rtl ? Math.min(edge, n.left) : Math.max(edge, n.right);
    }
    const start = expect.rtl ? Math.max(...first.map((r) => r.right)) : Math.min(...first.map((r) => r.left));
    starts++;
    if (Math.abs(start - edge) > TOL) {
      problems.push(
        `${tag(block)}: its first line starts at x ${round(start)}, not at the ${side} edge of ` +
          `its text at x ${round(edge)}`,
      );
    }
  }

  // A redline's rules.
  const end = expect.rtl ? "left" : "right";
  const width = (s, where) => parseFloat(s[`border${where}Width`]);
  for (const block of page.querySelectorAll(".redline-block")) {
    const s = getComputedStyle(block);
    const startSide = side[0].toUpperCase() + side.slice(1);
    const endSide = end[0].toUpperCase() + end.slice(1);
    const style = s[`border${startSide}Style`];
    const want = block.classList.contains("redline-moved") ? "double" : "solid";
    if (width(s, startSide) < 1 || style !== want || width(s, endSide) !== 0) {
      problems.push(
        `${tag(block)}: ruled ${width(s, "Left")} px ${s.borderLeftStyle} on the left and ` +
          `${width(s, "Right")} px ${s.borderRightStyle} on the right, not ${want} on the ${side} only`,
      );
    }
  }
  return { problems, numbers, starts };
}

// Runs in the page. The place of every block of the .page column, in
// document order (null for an element that is not a block in the flow: an
// inline one, a float, a hidden one): its width, and how far it stands from
// the start edge of the column's content box (the right one when the page
// is right to left).
function blocks() {
  const page = document.querySelector(".page");
  if (!page) return [];
  const rtl = getComputedStyle(document.body).direction === "rtl";
  const style = getComputedStyle(page);
  const outer = page.getBoundingClientRect();
  const left = outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  const right = outer.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
  return [...page.querySelectorAll("*")].map((el) => {
    const s = getComputedStyle(el);
    if (!["block", "list-item", "table", "flex", "grid"].includes(s.display)) return null;
    if (s.float !== "none" || s.position === "absolute" || s.position === "fixed") return null;
    if (el.closest(".visually-hidden")) return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0) return null;
    let d = "<" + el.tagName.toLowerCase() + (el.id ? ' id="' + el.id + '"' : "");
    if (el.className && typeof el.className === "string") d += ' class="' + el.className + '"';
    const text = (el.textContent || "").replace(/\s+/g, " ").trim();
    d += ">" + (text ? ' "' + (text.length > 40 ? text.slice(0, 37) + "..." : text) + '"' : "");
    return { width: r.width, start: rtl ? right - r.right : r.left - left, d };
  });
}

// The problems of a page that must be the mirror image of another, laid out
// in the same view in the other direction (the same report in another
// language: the same elements, in the same order). Every block of both that
// has the same width in both, to within TOL px (a block's width may follow
// its words, which differ), must stand as far from the start edge in one as
// in the other: an indent or margin that was not mirrored shows as a block
// nearer one side. Returns the problems and the count of blocks compared.
function mirrored(mine, theirs, other) {
  const TOL = 1;
  const round = (x) => Math.round(x * 10) / 10;
  if (mine.length !== theirs.length) {
    return {
      problems: [`it has ${mine.length} elements and ${other}, its mirror, ${theirs.length}`],
      compared: 0,
    };
  }
  const problems = [];
  let compared = 0;
  mine.forEach((a, i) => {
    const b = theirs[i];
    if (!a || !b || Math.abs(a.width - b.width) > TOL) return;
    compared++;
    if (Math.abs(a.start - b.start) > TOL) {
      problems.push(
        `${a.d}: ${round(a.start)} px from the start edge of the text, but ${round(b.start)} px ` +
          `in ${other}, its mirror image`,
      );
    }
  });
  if (compared === 0) problems.push(`no block of the same width as in ${other} to compare`);
  return { problems, compared };
}

// The elements of the page's .page column, in document order, whose own
// text has letters of `lang`'s script (SCRIPTS), each as its index among
// `.page *`, its description and its count of such letters.
function scriptText(source) {
  const script = new RegExp(source, "u");
  const out = [];
  const all = document.querySelectorAll(".page *");
  all.forEach((el, index) => {
    let text = "";
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) text += n.data;
    text = text.replace(/\s+/g, " ").trim();
    if (!script.test(text)) return;
    let letters = 0;
    for (const c of text) if (script.test(c)) letters++;
    let d = "<" + el.tagName.toLowerCase() + (el.id ? ' id="' + el.id + '"' : "") + ">";
    d += ' "' + (text.length > 40 ? text.slice(0, 37) + "..." : text) + '"';
    out.push({ index, d, letters });
  });
  return out;
}

// The font families that fontconfig says cover `lang` (fc-list :lang=LANG),
// or null when fc-list cannot say.
function coveringFamilies(lang) {
  try {
    const out = require("child_process").execFileSync("fc-list", [`:lang=${lang}`, "family"], {
      encoding: "utf8",
    });
    return new Set(out.split("\n").flatMap((l) => l.split(",")).map((f) => f.trim()).filter(Boolean));
  } catch (e) {
    return null;
  }
}

// Checks, through the DevTools protocol, the fonts Chromium drew the page's
// text in: for every element whose own text has letters of the language's
// script, the fonts that cover the language (fontconfig's) must have drawn
// at least 0.8 glyphs per letter (a ligature draws two letters as one
// glyph; a letter drawn as an empty box is drawn in a font that lacks it).
// Returns the problems and the count of elements checked.
async function fontsOf(page, lang) {
  const script = SCRIPTS[lang];
  if (!script) return { problems: [], checked: 0 };
  const families = coveringFamilies(lang);
  if (!families || families.size === 0) {
    const problem = `fontconfig knows no font that covers "${lang}" (fc-list :lang=${lang})`;
    return { problems: [problem], checked: 0 };
  }
  const elements = await page.evaluate(scriptText, script.source);
  const problems = [];
  if (elements.length === 0) problems.push(`no text in the script of "${lang}" was found`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: ".page *" });
  const used = new Map();
  for (const e of elements) {
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: nodeIds[e.index] });
    let covering = 0;
    for (const f of fonts) {
      used.set(f.familyName, (used.get(f.familyName) || 0) + f.glyphCount);
      if (families.has(f.familyName)) covering += f.glyphCount;
    }
    if (covering < 0.8 * e.letters) {
      const list = fonts.map((f) => `${f.familyName} ${f.glyphCount}`).join(", ");
      problems.push(
        `${e.d}: ${e.letters} letters of "${lang}", but only ${covering} glyphs drawn in a font ` +
          `that covers the language (drawn in ${list || "no font"})`,
      );
    }
  }
  await cdp.detach();
  const summary = [...used].map(([f, n]) => `${f} (${n} glyphs)`).join(", ");
  return { problems, checked: elements.length, summary };
}

async function main() {
  const [executablePath, shotsDir, ...rest] = process.argv.slice(2);
  const dirs = [];
  let lang = "en";
  let mirror = null;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--lang" && i + 1 < rest.length) lang = rest[++i];
    else if (rest[i] === "--mirror" && i + 1 < rest.length) mirror = rest[++i];
    else {
      dirs.push({ dir: rest[i], lang, mirror });
      mirror = null;
    }
  }
  if (!executablePath || !shotsDir || dirs.length === 0) {
    console.error("usage: node layout.js CHROMIUM SHOTS_DIR [--lang LANG] [--mirror NAME] DIR...");
    process.exit(2);
  }
  // No timeouts of our own: a loaded machine only makes the check slower,
  // and the test runner bounds the whole run.
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 0 });
  let failed = 0;
  const placed = new Map(); // "NAME VIEW" -> the blocks of that page in that view
  try {
    for (const { dir, lang, mirror } of dirs) {
      const name = path.basename(dir);
      const expect = { lang, rtl: RIGHT_TO_LEFT.has(lang) };
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
        const dir = await page.evaluate(direction, expect);
        result.problems.push(...dir.problems);
        // The fonts are those of every view: they are checked in the first.
        const fonts = view === VIEWS[0] ? await fontsOf(page, lang) : { problems: [], checked: 0 };
        result.problems.push(...fonts.problems);
        const mine = await page.evaluate(blocks);
        placed.set(`${name} ${view.name}`, mine);
        let twin = null;
        if (mirror) {
          const theirs = placed.get(`${mirror} ${view.name}`);
          twin = theirs
            ? mirrored(mine, theirs, mirror)
            : { problems: [`${mirror}, its mirror image, was not laid out before it`], compared: 0 };
          result.problems.push(...twin.problems);
        }
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
          const side = expect.rtl ? "right" : "left";
          console.log(
            `layout: ${where}: ${result.checked} elements and ${result.lines} lines of text ` +
              `within the page, no overlap; ${expect.rtl ? "right to left" : "left to right"} ` +
              `(lang="${lang}"): ${dir.numbers} hanging numbers on the ${side} of their text, ` +
              `${dir.starts} first lines at the ${side} edge` +
              (fonts.checked ? `; ${fonts.checked} elements in "${lang}" drawn in ${fonts.summary}` : "") +
              (twin ? `; ${twin.compared} blocks placed as in ${mirror}, mirrored` : ""),
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
