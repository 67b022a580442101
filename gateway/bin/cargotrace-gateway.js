#!/usr/bin/env node
'use strict';
// Committed (unlike dist/) so that npm links the `cargotrace-gateway` command at install time,
// before any build; the repository's `prepare` script builds dist/ right after `npm install`.
const fs = require('fs');
const path = require('path');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('cargotrace-gateway: the gateway is not built; run `npm run build` at the repository root\n');
  process.exit(1);
}
require(cli);
