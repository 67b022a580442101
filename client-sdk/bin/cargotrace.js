#!/usr/bin/env node
'use strict';
// Committed (unlike dist/) so that npm links the `cargotrace` command at install time, before any
// build; the repository's `prepare` script builds dist/ right after `npm install`.
const fs = require('fs');
const path = require('path');

const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('cargotrace: the client SDK is not built; run `npm run build` at the repository root\n');
  process.exit(1);
}
require(main)
  .buildProgram()
  .parseAsync(process.argv)
  .catch((err) => {
    process.stderr.write(`cargotrace: ${err.message}\n`);
    process.exitCode = 1;
  });
