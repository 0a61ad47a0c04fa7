// Opens report.html files built from injection-laden sources in headless
// Chromium, with scripts enabled, and checks that nothing injected can act:
// no script ran, no event-handler attribute, no javascript:/data:/vbscript:
// link, no request left the page.
//
// usage: node injection.js CHROMIUM REPORT.HTML...
//
// Prints one line per check and page; exits 1 when a check fails, 2 when the
// browser cannot do its part.
"use strict";

const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

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

// Runs in the page: everything in the document that could run script.
function audit() {
  const found = [];
  const all = [...document.querySelectorAll("*")];
  for (const el of all) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith("on")) {
        found.push(`attribute ${attr.name} on <${el.localName}>`);
      }
    }
  }
  for (const tag of ["script", "iframe", "frame", "object", "embed", "base", "form"]) {
    const n = document.getElementsByTagName(tag).length;
    if (n) found.push(`${n} <${tag}> element(s)`);
  }
  // The browser's own reading of each link, whatever the spelling in the
  // source: entities, case, tabs and line breaks are already resolved here.
  for (const a of document.querySelectorAll("a[href], area[href]")) {
    if (["javascript:", "data:", "vbscript:"].includes(a.protocol)) {
      found.push(`link to ${a.protocol} (${a.getAttribute("href").slice(0, 40)})`);
    }
  }
  for (const el of document.querySelectorAll("[src], [srcdoc], [action], [formaction]")) {
    found.push(`<${el.localName}> with ${el.hasAttribute("src") ? "src" : "srcdoc or action"}`);
  }
  if (document.querySelector("meta[http-equiv]")) found.push("<meta http-equiv>");
  // Give every handler an injected payload could have hidden a chance to run.
  for (const el of all) {
    for (const type of ["mouseover", "mouseenter", "focus", "click", "animationstart"]) {
      const event = type === "click" ? new MouseEvent(type, { bubbles: true, cancelable: true })
                                     : new Event(type, { bubbles: true });
      // A click would follow a link: cancel its default action first.
      if (type === "click") el.addEventListener("click", (e) => e.preventDefault(), { once: true });
      el.dispatchEvent(event);
    }
  }
  return found;
}

async function main() {
  const [chromiumPath, ...pages] = process.argv.slice(2);
  if (!chromiumPath || pages.length === 0) {
    console.error("usage: node injection.js CHROMIUM REPORT.HTML...");
    return 2;
  }
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
                                      args: CHROMIUM_ARGS, timeout: BACKSTOP_MS });
  } catch (e) {
    console.error(`injection: cannot start Chromium: ${e.message}`);
    return 2;
  }
  let failures = 0;
  const check = (ok, what) => {
    console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failures++;
  };
  try {
    for (const file of pages) {
      const context = await browser.newContext({ javaScriptEnabled: true });
      context.setDefaultTimeout(BACKSTOP_MS);
      const page = await context.newPage();
      const dialogs = [];
      const requests = [];
      const errors = [];
      page.on("dialog", async (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        await d.dismiss();
      });
      page.on("pageerror", (e) => errors.push(e.message));
      const url = pathToFileURL(file).href;
      // Only the page itself may load; anything else is what a payload asks for.
      await context.route("**/*", (route) => {
        if (route.request().url() === url) return route.continue();
        requests.push(route.request().url().slice(0, 80));
        return route.abort();
      });
      await page.goto(url, { waitUntil: "load" });
      const found = await page.evaluate(audit);
      // Timers an injected handler may have set.
      await page.waitForTimeout(300);
      const pwned = [];
      for (const frame of page.frames()) {
        const value = await frame.evaluate(() => typeof window.__pwned).catch(() => "gone");
        if (value !== "undefined") pwned.push(`${frame.url().slice(0, 60)}: ${value}`);
      }
      // The case's folder names the page: CASE/out/report.html.
      const name = file.replace(/^.*\/([^/]+)\/out\/report\.html$/, "$1");
      check(pwned.length === 0, `${name}: no injected script ran (window.__pwned ${
        pwned.length ? "set in " + pwned.join(", ") : "undefined"})`);
      check(dialogs.length === 0, `${name}: no dialog opened${
        dialogs.length ? ": " + dialogs.join("; ") : ""}`);
      check(found.length === 0, `${name}: no script element, event-handler attribute or ` +
            `script link${found.length ? ": " + found.slice(0, 10).join("; ") : ""}`);
      check(requests.length === 0, `${name}: no request left the page${
        requests.length ? ": " + requests.slice(0, 5).join(", ") : ""}`);
      check(errors.length === 0, `${name}: no script error${
        errors.length ? ": " + errors.slice(0, 3).join("; ") : ""}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return failures ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`injection: ${e.stack || e}`);
  process.exit(2);
});
