// Bundles the client, the server and the CLI into dist/ (CommonJS for Node 20;
// `vscode` is provided by the editor), and the same for the Web into dist/web/.
// `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { browserBundles } from './browserBundles.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const options = {
	outdir: 'dist',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	external: ['vscode'],
	loader: { '.md': 'text' },
	// One copy of the LSP types: the protocol library `require`s their CommonJS build and our code
	// `import`s their ES module build, which put both (48 KB) in the server bundle.
	alias: { 'vscode-languageserver-types': fileURLToPath(new URL('../node_modules/vscode-languageserver-types/lib/esm/main.js', import.meta.url)) },
	// TEST_HOOKS: the worker's crash-on-demand for tests, dropped from production builds.
	define: { PACKAGE_VERSION: JSON.stringify(version), TEST_HOOKS: String(!production) },
	sourcemap: production ? false : "linked",
	minify: true,
	// Written as UTF-8, not escaped: micromark's table of character entities shrinks by a fifth.
	charset: 'utf8',
	logLevel: 'warning',
};

export const bundles = [
	{ ...options, entryPoints: { client: 'client/src/extension.ts', server: 'server/src/serverMain.ts', worker: 'server/src/worker/worker.ts' } },
	{ ...options, entryPoints: { cli: 'server/src/cli/bin.ts' }, banner: { js: '#!/usr/bin/env node' } },
	...browserBundles(options),
];

// The tests import the bundles' options (test/unit/browserBundles.test.ts): build only when run.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (watch) {
		await Promise.all(bundles.map(async (bundle) => (await context(bundle)).watch()));
	} else {
		await Promise.all(bundles.map((bundle) => build(bundle)));
	}
}
