// Checks how a report printed to PDF falls into pages, from the words and
// positions that `pdftotext -bbox-layout` extracts and from what browser.js
// found in the page (expect.json).
//
// usage: node pages.js BBOX.html EXPECT.json NAME
//
// The checks, on the text as printed:
//  - every page is A4 (595.28 x 841.89 pt, to within 1 pt: Chromium rounds
//    the page to whole CSS pixels);
//  - no page but the last ends with what print keeps with what follows, or
//    with its first lines: the last k rows of the page (k >= 1), joined, are
//    never the whole text, nor the start, of a heading (title, section or
//    annex heading, source line, table caption, quote attribution) or of a
//    paragraph's text that introduces a list, table or quote (compared
//    without whitespace, since a footnote mark may or may not be spaced);
//  - every numbered paragraph, list item, footnote and signature (a summary
//    record's signatures together, row by row, as they stand side by side) is on
//    one page: its text, with all whitespace removed, occurs within the text
//    of a single page, whitespace removed too (found in document order);
//  - every annex heading is the first row of its page.
// A page that ends among the lines of a table of contents is not held to
// the first check: those lines repeat the headings' text.
// The running header in the pages' top margin (html.css: @page margin-top
// 2.5cm) is left out: it is not text of the report.
// A row is the words at one height: pdftotext's lines whose tops are within
// 1.5 pt of each other, left to right, so that a hanging number comes
// before its text. Exits 1 on any failure, and lists each one.
"use strict";

const fs = require("fs");

const A4 = { width: 595.28, height: 841.89 };
const TOP_MARGIN = (2.5 / 2.54) * 72;

function decode(s) {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

// Whitespace, including no-break and zero-width spaces and soft hyphens,
// plays no part in comparing text.
const squeeze = (s) => s.replace(/[\s\u00AD\u200B-\u200D\u2060\uFEFF]+/g, "");
const words = (s) => s.replace(/\s+/g, " ").trim();

// The pages of a pdftotext -bbox-layout document: size and rows of text.
function parse(xhtml) {
  const pages = [];
  for (const m of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines = [];
    const line =
      /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g;
    for (const l of m[3].matchAll(line)) {
      if (Number(l[3]) <= TOP_MARGIN) continue;
      const text = [...l[4].matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]));
      if (text.length) lines.push({ x: Number(l[1]), y: Number(l[2]), text: text.join(" ") });
    }
    lines.sort((a, b) => a.y - b.y || a.x - b.x);
    const rows = [];
    for (const line of lines) {
      const row = rows[rows.length - 1];
      if (row && line.y - row.y <= 1.5) row.lines.push(line);
      else rows.push({ y: line.y, lines: [line] });
    }
    pages.push({
      width: Number(m[1]),
      height: Number(m[2]),
      rows: rows.map((r) => words(r.lines.sort((a, b) => a.x - b.x).map((l) => l.text).join(" "))),
    });
  }
  return pages;
}

function main() {
  const [bboxPath, expectPath, name] = process.argv.slice(2);
  if (!bboxPath || !expectPath || !name) {
    console.error("usage: node pages.js BBOX.html EXPECT.json NAME");
    process.exit(2);
  }
  const pages = parse(fs.readFileSync(bboxPath, "utf8"));
  const expect = JSON.parse(fs.readFileSync(expectPath, "utf8"));
  const failures = [];
  const fail = (message) => failures.push(message);
  if (pages.length === 0) fail("the PDF has no page");

  pages.forEach((p, i) => {
    if (Math.abs(p.width - A4.width) > 1 || Math.abs(p.height - A4.height) > 1) {
      fail(`page ${i + 1} is ${p.width} x ${p.height} pt, not A4`);
    }
  });

  // pdftotext -bbox-layout gives the words of a right-to-left page in
  // visual order, each Arabic word's letters reversed: the text cannot be
  // compared with the HTML's. Such a report is checked for its page size
  // here, and for its layout in Chromium (layout.js).
  if (expect.rtl) {
    if (failures.length) {
      for (const f of failures) console.log(`  ${f}`);
      console.log(`pages: ${name}: ${failures.length} problem(s)`);
      process.exit(1);
    }
    console.log(`pages: ${name}: ${pages.length} A4 pages, right to left: text order not compared`);
    return;
  }
  // Where each page's text starts in the text of the whole document.
  const starts = [];
  let doc = "";
  for (const p of pages) {
    starts.push(doc.length);
    doc += squeeze(p.rows.join(""));
  }
  // The lines of a table of contents repeat the headings' text, and a page
  // may end with one of them: a page that ends inside them is not checked.
  const toc = squeeze((expect.contents || []).join(""));
  const tocAt = toc === "" ? -1 : doc.indexOf(toc);
  const inContents = (end) => tocAt >= 0 && end > tocAt && end <= tocAt + toc.length;

  const keep = expect.keep.filter((k) => squeeze(k.text) !== "");
  pages.slice(0, -1).forEach((p, i) => {
    if (inContents(starts[i + 1])) return;
    for (let k = 1; k <= p.rows.length; ++k) {
      const tail = squeeze(p.rows.slice(-k).join(""));
      const found = keep.find((h) => squeeze(h.text).startsWith(tail));
      if (found) {
        fail(`page ${i + 1} ends with ${found.what} '${found.text}'`);
        break;
      }
      // Once the tail is longer than all of them, no larger k can match.
      if (keep.every((h) => squeeze(h.text).length < tail.length)) break;
    }
  });

  const pageAt = (offset) => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1] <= offset) ++i;
    return i;
  };
  let cursor = 0;
  let unbroken = 0;
  for (const block of expect.unbroken) {
    const text = squeeze(block.text);
    if (text === "") continue;
    const at = doc.indexOf(text, cursor);
    if (at < 0) {
      // The pages are joined without a gap, so a block that breaks across
      // pages is still found: this is text the PDF does not have at all.
      fail(`${block.what}: its text is not in the PDF: '${block.text}'`);
      continue;
    }
    const first = pageAt(at);
    const last = pageAt(at + text.length - 1);
    if (first !== last) fail(`${block.what} is broken across pages ${first + 1} to ${last + 1}`);
    ++unbroken;
    // Nested items lie inside their parent's text: search on from its start.
    cursor = at + 1;
  }

  for (const annex of expect.annexes.map(words)) {
    const page = pages.findIndex(
      (p) => p.rows.length > 0 && (annex === p.rows[0] || annex.startsWith(p.rows[0] + " ")),
    );
    if (page < 0) fail(`the annex '${annex}' does not start a page`);
  }

  for (const f of failures) console.log(`  ${f}`);
  console.log(
    `pages: ${name}: ${pages.length} A4 pages, ${keep.length} kept with the next, ` +
      `${unbroken} blocks on one page, ${expect.annexes.length} annexes: ` +
      (failures.length ? `${failures.length} problem(s)` : "ok"),
  );
  process.exit(failures.length ? 1 : 0);
}

main();
