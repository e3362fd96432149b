#!/usr/bin/env node
// `npx baton ...`: the command line of cli/commands/, run from its TypeScript through tsx (no build step).
'use strict';

require('tsx/cjs/api').register();
const { main } = require('../cli/commands/index.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
