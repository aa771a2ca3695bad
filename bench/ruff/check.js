// Runs ruff's default rules (WebAssembly build, one thread) over the files
// listed in argv[2], argv[3] times in one process, and prints one JSON line:
// ruff's version, the files, bytes and diagnostics of one pass, and the wall
// seconds of each pass. The first pass includes compiling the WebAssembly
// module; later passes are the steady state.
'use strict';
const fs = require('fs');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const list = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const passes = Math.max(1, Number(process.argv[3] || 2));
const ws = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf8);
const result = { version: Workspace.version(), files: 0, bytes: 0, diagnostics: 0, failed: 0, seconds: [] };
for (let pass = 0; pass < passes; ++pass) {
  let files = 0, bytes = 0, diagnostics = 0, failed = 0;
  const start = process.hrtime.bigint();
  for (const file of list) {
    let raw;
    try {
      raw = fs.readFileSync(file);
    } catch (e) {
      ++failed;
      continue;
    }
    bytes += raw.length;
    try {
      diagnostics += ws.check(raw.toString('utf8')).length;
      ++files;
    } catch (e) {
      ++failed;
    }
  }
  result.seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  Object.assign(result, { files, bytes, diagnostics, failed });
}
console.log(JSON.stringify(result));
