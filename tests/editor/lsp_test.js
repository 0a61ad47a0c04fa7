// lsp_test.js SCHEMA_DIR FOLDER...: opens every source file of each meeting
// FOLDER in yaml-language-server, driven over stdio as an editor drives it,
// and checks what the user of an editor relies on:
//  - a misspelt key is underlined, and the message names it;
//  - the file as written has no diagnostic at all (so its modeline leads to
//    a schema the server could load);
//  - completion at a key position offers the keys the schema allows there,
//    at the top of the file and, in a section file, inside a paragraph;
//  - hovering over a key shows its title from the schema;
//  - a value that breaks a pattern gets the schema's sentence, not the
//    regular expression.
// SCHEMA_DIR holds the schemas the expectations are read from (the
// repository's schemas/). Exits 0 when every check passes, 1 otherwise.
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const rpc = require("vscode-jsonrpc/node");
const YAML = require("yaml");

// No check sleeps: each waits for the server's messages, and this backstop
// only bounds a server that never answers, however loaded the machine.
const BACKSTOP_MS = 120000;

const [schemaDir, ...folders] = process.argv.slice(2);
if (!schemaDir || folders.length === 0) {
  console.error("usage: lsp_test.js SCHEMA_DIR FOLDER...");
  process.exit(2);
}

const schemas = {};
for (const kind of ["report", "documents", "section"]) {
  schemas[kind] = JSON.parse(fs.readFileSync(path.join(schemaDir, `${kind}.schema.json`), "utf8"));
}

let failures = 0;
function fail(file, message) {
  console.error(`lsp_test: FAIL: ${file}: ${message}`);
  failures++;
}

// The schema a JSON pointer names, following local $refs.
function at(schema, pointer) {
  let node = schema;
  for (const part of pointer.split("/").slice(1))
    node = node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  while (node && node.$ref) node = at(schema, node.$ref.slice(1));
  return node;
}

// --- The server --------------------------------------------------------------

const serverLog = [];
const server = spawn(
  process.execPath,
  [require.resolve("yaml-language-server/bin/yaml-language-server"), "--stdio"],
  { stdio: ["pipe", "pipe", "pipe"] },
);
server.stderr.on("data", (d) => serverLog.push(String(d)));
const exited = new Promise((resolve) =>
  server.on("exit", (code, signal) => resolve({ code, signal })),
);
const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(server.stdout),
  new rpc.StreamMessageWriter(server.stdin),
);

// The settings of a user who installed the YAML extension and changed
// nothing, except that nothing is fetched from the network: no schema store.
const settings = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: {},
    schemaStore: { enable: false },
    yamlVersion: "1.2",
    maxItemsComputed: 5000,
  },
  http: { proxy: "", proxyStrictSSL: false },
  "[yaml]": {},
  editor: {},
};
connection.onRequest("workspace/configuration", (params) =>
  params.items.map((item) => (item.section in settings ? settings[item.section] : null)),
);
connection.onRequest("client/registerCapability", () => null);
connection.onRequest("client/unregisterCapability", () => null);
connection.onRequest("window/workDoneProgress/create", () => null);
connection.onNotification("window/logMessage", (p) => serverLog.push(p.message));
connection.onNotification("window/showMessage", (p) => serverLog.push(p.message));

// The server could not load the schema a modeline names: nothing more will
// come, and every other check of the file would only wait for its backstop.
const unloadable = (ds) => ds.some((d) => d.message.startsWith("Unable to load schema"));

// The diagnostics last published for each document, and who waits for them.
const published = new Map();
let waiters = [];
connection.onNotification("textDocument/publishDiagnostics", (p) => {
  published.set(p.uri, p.diagnostics);
  const still = [];
  for (const w of waiters) {
    if (w.uri === p.uri && (w.until(p.diagnostics) || unloadable(p.diagnostics)))
      w.resolve(p.diagnostics);
    else still.push(w);
  }
  waiters = still;
});

// Resolves with the document's diagnostics once a publication satisfies
// `until`, or shows that the schema cannot be loaded; resolves with null at
// the backstop, or when the server exits.
function diagnosticsUntil(uri, until) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters = waiters.filter((w) => w !== waiter);
      resolve(null);
    }, BACKSTOP_MS);
    const waiter = {
      uri,
      until,
      resolve: (d) => {
        clearTimeout(timer);
        resolve(d);
      },
    };
    waiters.push(waiter);
    exited.then(() => waiter.resolve(null));
  });
}

function request(method, params) {
  let timer;
  const backstop = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer to ${method} in ${BACKSTOP_MS} ms`)),
      BACKSTOP_MS,
    );
  });
  return Promise.race([connection.sendRequest(method, params), backstop]).finally(() =>
    clearTimeout(timer),
  );
}

function show(diagnostics) {
  if (diagnostics === null) return "(no diagnostics published)";
  if (diagnostics.length === 0) return "(none)";
  return diagnostics
    .map((d) => `\n    ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`)
    .join("");
}

// --- One document ------------------------------------------------------------

class Document {
  constructor(file, text) {
    this.file = file;
    this.uri = pathToFileURL(file).href;
    this.version = 1;
    connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: this.uri, languageId: "yaml", version: this.version, text },
    });
  }
  // Replaces the whole text, as an editor does on a change.
  change(text) {
    connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uri, version: ++this.version },
      contentChanges: [{ text }],
    });
  }
  close() {
    connection.sendNotification("textDocument/didClose", { textDocument: { uri: this.uri } });
  }
  async completion(line, character) {
    const result = await request("textDocument/completion", {
      textDocument: { uri: this.uri },
      position: { line, character },
    });
    const items = Array.isArray(result) ? result : result ? result.items : [];
    return new Set(items.map((i) => i.label));
  }
  async hover(line, character) {
    const result = await request("textDocument/hover", {
      textDocument: { uri: this.uri },
      position: { line, character },
    });
    if (!result) return "";
    const c = result.contents;
    return typeof c === "string"
      ? c
      : Array.isArray(c)
        ? c.map((x) => x.value || x).join("\n")
        : c.value;
  }
}

// "heading" -> "haeding": the second and third letters swapped.
function misspelt(key) {
  return key.length < 3 ? key + key[key.length - 1] : key[0] + key[2] + key[1] + key.slice(3);
}

function lineOf(text, offset) {
  return text.slice(0, offset).split("\n").length - 1;
}

// The keys of the top-level map, in order.
function topKeys(text) {
  const doc = YAML.parseDocument(text, { version: "1.2" });
  return doc.contents && doc.contents.items
    ? doc.contents.items.map((p) => String(p.key.value))
    : [];
}

async function checkFile(folder, rel, kind) {
  const file = path.join(folder, rel);
  const name = path.join(path.basename(folder), rel);
  const text = fs.readFileSync(file, "utf8");
  const schema = schemas[kind];
  const keys = topKeys(text);
  if (keys.length === 0) return fail(name, "has no top-level key");

  // 1. A misspelt key, as the file is first opened: the server reports it,
  // naming it, on its line.
  const key = keys[0];
  const wrong = misspelt(key);
  const keyAt = text.search(new RegExp(`^${key}:`, "m"));
  if (keyAt < 0) return fail(name, `'${key}:' does not start a line`);
  const bad = text.slice(0, keyAt) + wrong + text.slice(keyAt + key.length);
  const doc = new Document(file, bad);
  const line = lineOf(text, keyAt);
  const named = (ds) => ds.some((d) => d.range.start.line === line && d.message.includes(wrong));
  const got = await diagnosticsUntil(doc.uri, named);
  if (got === null || !named(got)) {
    const last = show(published.get(doc.uri) ?? null);
    fail(name, `no diagnostic names the misspelt key '${wrong}' on line ${line + 1}:${last}`);
    doc.close();
    return 0;
  }

  // 2. Completion where the user retypes the key: it offers every key of
  // the schema that the file does not have yet, the misspelt one's among them.
  const present = new Set(topKeys(bad));
  const wanted = Object.keys(schema.properties).filter((k) => !present.has(k));
  const offered = await doc.completion(line, 0);
  const missing = wanted.filter((k) => !offered.has(k));
  if (!wanted.includes(key)) fail(name, `the schema has no key '${key}'`);
  if (missing.length) {
    const all = [...offered].join(", ") || "nothing";
    fail(name, `completion at line ${line + 1} lacks ${missing.join(", ")}; it offers ${all}`);
  }

  // 3. The file as written: no diagnostic at all. (Waiting for an empty
  // list after the misspelt key's error means it comes from this text.)
  doc.change(text);
  const clean = await diagnosticsUntil(doc.uri, (ds) => ds.length === 0);
  if (clean === null || clean.length !== 0) {
    fail(name, `has diagnostics as written:${show(published.get(doc.uri) ?? null)}`);
  }

  // 4. Hover over the key: the schema's title for it.
  const title = schema.properties[key] && schema.properties[key].title;
  const hover = await doc.hover(line, 1);
  if (!title || !hover.includes(title)) {
    fail(name, `hovering over '${key}' does not show '${title}': ${JSON.stringify(hover)}`);
  }

  // 5. In a section file, completion inside a new paragraph map offers the
  // paragraph's keys.
  if (kind === "section") {
    const m = /^paragraphs:\n/m.exec(text);
    if (!m) {
      fail(name, "has no 'paragraphs:' line");
    } else {
      const after = m.index + m[0].length;
      const added = text.slice(0, after) + '  - text: "Added."\n    \n' + text.slice(after);
      doc.change(added);
      const paragraphKeys = Object.keys(at(schema, "/$defs/paragraph").properties).filter(
        (k) => k !== "text",
      );
      const inside = await doc.completion(lineOf(added, after) + 1, 4);
      const lacking = paragraphKeys.filter((k) => !inside.has(k));
      if (lacking.length) {
        const all = [...inside].join(", ") || "nothing";
        fail(name, `completion in a paragraph lacks ${lacking.join(", ")}; it offers ${all}`);
      }
    }
  }

  // 6. A value that breaks a pattern: the schema's sentence, not the regular
  // expression. A label or id in any file, and the meeting's date.
  const patterns = [
    {
      re: /^(\s*(?:- )?(?:label|id): )"?([a-z][a-z0-9-]*)"?$/m,
      value: (v) => `"${v[0].toUpperCase()}${v.slice(1)}"`,
      def: "/$defs/label",
    },
  ];
  if (kind === "report") {
    patterns.push({
      re: /^(\s*(?:- )?date: )"?(\d{4}-\d\d-\d\d)"?$/m,
      value: () => '"20 September 2018"',
      def: "/$defs/date",
    });
  }
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (!m) continue;
    const expected = at(schema, p.def).patternErrorMessage;
    if (!expected) {
      fail(name, `the schema's ${p.def} has no patternErrorMessage`);
      continue;
    }
    const valueAt = m.index + m[1].length;
    const changed = text.slice(0, valueAt) + p.value(m[2]) + text.slice(m.index + m[0].length);
    doc.change(changed);
    const vline = lineOf(changed, valueAt);
    const ds = await diagnosticsUntil(doc.uri, (list) =>
      list.some((d) => d.range.start.line === vline),
    );
    if (ds === null) {
      fail(name, `no diagnostic for ${p.value(m[2])} on line ${vline + 1}`);
    } else if (!ds.some((d) => d.range.start.line === vline && d.message === expected)) {
      fail(name, `the message for ${p.value(m[2])} is not '${expected}':${show(ds)}`);
    }
  }

  doc.close();
  return 1;
}

// The files of a meeting folder: report.yaml, documents.yaml and the section
// and annex files report.yaml lists.
function sourceFiles(folder) {
  const report = YAML.parse(fs.readFileSync(path.join(folder, "report.yaml"), "utf8"));
  return [
    ["report.yaml", "report"],
    ["documents.yaml", "documents"],
    ...[...(report.sections || []), ...(report.annexes || [])].map((f) => [f, "section"]),
  ];
}

async function main() {
  connection.listen();
  const root = pathToFileURL(path.dirname(path.resolve(folders[0]))).href;
  await request("initialize", {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: "meetings" }],
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true },
        completion: {
          completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] },
        },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
    },
  });
  connection.sendNotification("initialized", {});

  let files = 0;
  for (const folder of folders) {
    for (const [rel, kind] of sourceFiles(folder))
      files += (await checkFile(folder, rel, kind)) === 1 ? 1 : 0;
  }

  await request("shutdown", null);
  connection.sendNotification("exit");
  let timer;
  const backstop = new Promise((r) => (timer = setTimeout(() => r({ code: "none" }), BACKSTOP_MS)));
  const { code } = await Promise.race([exited, backstop]);
  clearTimeout(timer);
  if (code !== 0) fail("yaml-language-server", `did not exit cleanly after shutdown (${code})`);
  if (failures) {
    console.error(
      `lsp_test: ${failures} check(s) failed; the server's log:\n${serverLog.join("\n")}`,
    );
    process.exit(1);
  }
  console.log(
    `lsp_test: ${files} files in ${folders.length} folders checked in yaml-language-server`,
  );
}

main().catch((e) => {
  console.error(`lsp_test: error: ${e.stack || e}`);
  server.kill();
  process.exit(1);
});
