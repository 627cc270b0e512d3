// Loads the plugin from the library's TypeScript source, as `package: cdk8s-batch` loads lib/.
require('tsx/cjs');
module.exports = require('../../src/index.ts');
