// Tests load the sources through tsx; this gives `import x from './y.md'` the
// same meaning esbuild's text loader gives it in the bundles.
const { readFileSync } = require('node:fs');
require.extensions['.md'] = (module, filename) => {
	module.exports = { __esModule: true, default: readFileSync(filename, 'utf8') };
};
