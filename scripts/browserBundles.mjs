// What scripts/build.mjs bundles for VS Code for the Web (dist/web/): the client, the server and
// its parse worker, each of which runs in a browser worker, from the Node bundles' options. A
// browser bundle that imports a Node built-in fails the build (scripts/browserSafe.mjs).
import { noNodeBuiltins } from './browserSafe.mjs';

export function browserBundles(options) {
	const browser = {
		...options,
		outdir: 'dist/web',
		platform: 'browser',
		target: 'es2022',
		// `worker`: packages' builds for workers. Without it decode-named-character-reference
		// (under micromark) resolves to a build that uses `document`, which a worker lacks.
		conditions: ['worker'],
		mainFields: ['browser', 'module', 'main'],
		plugins: [noNodeBuiltins],
	};
	return [
		// The web-worker extension host loads the client as CommonJS, with `vscode` provided.
		{ ...browser, entryPoints: { client: 'client/src/browser.ts' } },
		// Worker scripts, started from their text (a Blob URL): self-contained.
		{ ...browser, format: 'iife', external: [], entryPoints: { server: 'server/src/browserServer.ts', worker: 'server/src/worker/browserWorker.ts' } },
	];
}
