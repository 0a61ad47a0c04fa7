// Opens each report.html in headless Chromium: runs axe-core on it, prints it
// to PDF, and writes down what the PDF check needs to know about the page.
//
// usage: node browser.js CHROMIUM AXE_JS DIR...
//
// For each DIR holding report.html it writes DIR/axe.json (axe's results),
// DIR/report.pdf, and DIR/expect.json: the printed text of what must stay
// with what follows, of the annex headings and of the blocks that must not
// break across pages. Exits 1 when
// axe finds a violation, 2 when the browser cannot do its part.
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

// WCAG 2.1 levels A and AA, and axe's best practices on top.
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

// Playwright gives Chromium 30 s to start and a page 30 s to load; on a
// machine whose cores are busy with other work that can pass for a failure.
// The limit stays only against a hang.
const BACKSTOP_MS = 180_000;

// The machine has no network: without these flags Chromium keeps trying to
// reach its update and sync services.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Runs in the page, under print media: what pages.js checks in the PDF.
// Text is read with innerText, which applies print's display and
// text-transform rules; the addresses that print appends after external
// links (`a.ext::after`) are added the same way, since innerText leaves
// generated content out.
function collect() {
  const printed = (el) => {
    const copy = el.cloneNode(true);
    for (const a of copy.querySelectorAll("a.ext")) {
      a.append(" <" + a.getAttribute("href") + ">");
    }
    // innerText needs the node in the document to know its styles.
    const host = document.createElement("div");
    host.style.position = "absolute";
    host.style.width = el.getBoundingClientRect().width + "px";
    host.append(copy);
    el.parentNode.insertBefore(host, el);
    const text = copy.innerText;
    host.remove();
    return text.replace(/\s+/g, " ").trim();
  };
  const shown = (el) => el.getClientRects().length > 0 && !el.closest(".visually-hidden");
  const all = (selector) => [...document.querySelectorAll(selector)].filter(shown);

  // Everything that print keeps with what follows (break-after: avoid):
  // headings, and the text of a paragraph that introduces a list, table or
  // quote.
  const keep = all("h1, h2, .source, caption, figcaption, div.para > p:first-child");
  const kept = keep.map((el) => ({
    what: el.matches("div.para > p") ? "the paragraph" : "the heading",
    text: printed(el),
  }));
  // Print starts each annex on a new page.
  const annexes = all(".annex > h2").map(printed);
  // What print keeps on one page (break-inside: avoid), in document order.
  // A numbered paragraph is the <p> that holds its number: a "para" <p>, or
  // the first <p> of a "para" <div>, whose lists and quotes may go on to the
  // next page.
  const unbroken = [];
  // A summary record's signatures stand side by side: their text is read
  // as print lays it out, row by row and left to right, as pdftotext reads
  // the page.
  const blocks =
    ".para > .number, .para > p > .number, main li, .footnote-list li, " +
    ".signature:not(.signatures .signature), .signatures";
  for (const el of all(blocks)) {
    if (el.classList.contains("signatures")) {
      const lines = [...el.querySelectorAll("p")].filter(shown).map((line) => ({
        box: line.getBoundingClientRect(),
        text: printed(line),
      }));
      lines.sort((a, b) =>
        Math.abs(a.box.top - b.box.top) > 2 ? a.box.top - b.box.top : a.box.left - b.box.left);
      unbroken.push({ what: "signatures", text: lines.map((line) => line.text).join(" ") });
    } else if (el.classList.contains("number")) {
      unbroken.push({ what: `paragraph ${el.innerText.trim()}`, text: printed(el.parentElement) });
    } else if (el.tagName === "LI") {
      const marker = el.querySelector(":scope > .marker");
      const what = el.closest(".footnote-list") ? "footnote" : "list item";
      const label = marker ? `${what} ${marker.innerText.trim()}` : what;
      unbroken.push({ what: label, text: printed(el) });
    } else {
      unbroken.push({ what: "signature", text: printed(el) });
    }
  }
  // The lines of a table of contents, which repeat the headings' text: a
  // page may end with one.
  const contents = all("nav.contents li").map(printed);
  const rtl = document.documentElement.dir === "rtl";
  return { keep: kept, annexes, unbroken, contents, rtl };
}

async function main() {
  const [executablePath, axePath, ...dirs] = process.argv.slice(2);
  if (!executablePath || !axePath || dirs.length === 0) {
    console.error("usage: node browser.js CHROMIUM AXE_JS DIR...");
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS,
                                          timeout: BACKSTOP_MS });
  let violations = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(BACKSTOP_MS);
    for (const dir of dirs) {
      const name = path.basename(dir);
      const url = pathToFileURL(path.join(dir, "report.html")).href;

      // axe on the page as a reader's screen shows it.
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "load" });
      await page.addScriptTag({ path: axePath });
      const results = await page.evaluate(
        (tags) =>
          // eslint-disable-next-line no-undef
          axe.run(document, {
            runOnly: { type: "tag", values: tags },
            resultTypes: ["violations", "incomplete"],
          }),
        AXE_TAGS,
      );
      await page.close();
      fs.writeFileSync(path.join(dir, "axe.json"), JSON.stringify(results, null, 2) + "\n");
      const found = results.violations.reduce((n, v) => n + v.nodes.length, 0);
      violations += found;
      console.log(
        `axe: ${name}: ${results.passes.length} rules passed, ` +
          `${results.violations.length} violated (${found} elements), ` +
          `${results.incomplete.length} to review by hand`,
      );
      for (const v of results.violations) {
        console.log(`  ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes) {
          console.log(`    ${n.target.join(" ")}: ${n.failureSummary.replace(/\n/g, "\n      ")}`);
        }
      }
      for (const v of results.incomplete) {
        console.log(`  to review: ${v.id}: ${v.help} (${v.nodes.length} elements)`);
      }

      // A fresh page for print, untouched by axe.
      const print = await context.newPage();
      await print.goto(url, { waitUntil: "load" });
      await print.emulateMedia({ media: "print" });
      fs.writeFileSync(
        path.join(dir, "expect.json"),
        JSON.stringify(await print.evaluate(collect), null, 2) + "\n",
      );
      await print.pdf({
        path: path.join(dir, "report.pdf"),
        format: "A4",
        preferCSSPageSize: true,
      });
      await print.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(violations === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`browser: ${e.stack || e}`);
  process.exit(2);
});
