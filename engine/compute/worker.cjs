// A compute thread loads Baton's TypeScript itself: threads do not inherit the loader of the
// process that made them when that is a test runner's.
require('tsx/cjs/api').register();
module.exports = require('./tasks.ts');
