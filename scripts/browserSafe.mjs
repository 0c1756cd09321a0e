// An esbuild plugin for the browser bundles: any import of a Node built-in (`fs`, `node:path`,
// `worker_threads`...) fails the build, naming the file that imports it. esbuild alone would
// let some through: a package's `"browser": {"fs": false}` quietly swaps in an empty module,
// and code written for Node would then fail in the web-worker host, not at build time.
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

/** True for `fs`, `fs/promises`, `node:test` and the like. */
export function isNodeBuiltin(specifier) {
	return specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]);
}

export const noNodeBuiltins = {
	name: 'no-node-builtins',
	setup(build) {
		build.onResolve({ filter: /.*/ }, ({ path, importer }) => {
			if (!isNodeBuiltin(path)) {
				return undefined;
			}
			return { errors: [{ text: `a browser bundle imports the Node built-in "${path}" (from ${importer || 'the entry point'}): there is no Node in VS Code for the Web` }] };
		});
	},
};
