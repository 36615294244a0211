#!/usr/bin/env node
// Thin launcher for the built CLI (out/main/cli.js), so `npx dpa` works after `npm run build`.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('dpa: the app is not built yet. Run `npm run build` first.\n');
  process.exit(2);
}
require(cli);
