// The browser bundles (scripts/browserBundles.mjs) carry no Node built-in: the build fails when one
// would, also where esbuild alone would quietly put an empty module in its place.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type BuildOptions, build } from 'esbuild';

let browser: BuildOptions[] = [];
before(async () => {
	// A variable specifier: the build scripts are plain JavaScript, without declarations.
	const buildModule = '../../scripts/build.mjs';
	browser = ((await import(buildModule)) as { bundles: BuildOptions[] }).bundles.filter((options) => options.platform === 'browser');
	assert.equal(browser.length, 2);
});
const scratch = mkdtempSync(join(tmpdir(), 'dda-browser-bundles-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A browser bundle built as the real ones are, in memory. */
function bundle(options: BuildOptions) {
	return build({ ...browser[1], ...options, write: false, logLevel: 'silent', outdir: scratch, sourcemap: false });
}

test('the browser bundles build, and require nothing but `vscode`', async () => {
	for (const options of browser) {
		const result = await build({ ...options, write: false, logLevel: 'silent', outdir: scratch, sourcemap: false });
		for (const file of result.outputFiles) {
			const required = [...file.text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
			assert.deepEqual(required.filter((name) => name !== 'vscode'), [], `${file.path} requires more than vscode`);
		}
	}
});

test('a browser bundle that imports node:fs (through the Node file system) fails, naming it', async () => {
	const entry = join(scratch, 'usesNodeFs.ts');
	writeFileSync(entry, `import { nodeFileSystem } from ${JSON.stringify(join(process.cwd(), 'server/src/files/nodeFileSystem'))};\nconsole.log(nodeFileSystem);\n`);
	await assert.rejects(bundle({ entryPoints: [entry] }), (error: Error) => {
		assert.match(error.message, /imports the Node built-in "node:fs\/promises"|imports the Node built-in "node:fs"/);
		assert.match(error.message, /nodeFileSystem\.ts/);
		return true;
	});
});

test('a package that maps `fs` away in its "browser" field still fails the build', async () => {
	const folder = join(scratch, 'browser-field');
	mkdirSync(join(folder, 'node_modules', 'uses-fs'), { recursive: true });
	writeFileSync(join(folder, 'node_modules', 'uses-fs', 'package.json'), JSON.stringify({ name: 'uses-fs', main: 'index.js', browser: { fs: false } }));
	writeFileSync(join(folder, 'node_modules', 'uses-fs', 'index.js'), "module.exports = require('fs').readFileSync;\n");
	writeFileSync(join(folder, 'entry.js'), "console.log(require('uses-fs'));\n");
	const options = { entryPoints: [join(folder, 'entry.js')], absWorkingDir: folder };
	// esbuild alone builds it (an empty `fs`), which would fail only in the browser...
	await build({ ...browser[1], ...options, plugins: [], write: false, logLevel: 'silent', outdir: scratch, sourcemap: false });
	// ...the build's check refuses it.
	await assert.rejects(bundle(options), /imports the Node built-in "fs"/);
});
