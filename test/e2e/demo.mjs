#!/usr/bin/env node
// `npm run demo`: the real editor with the extension, to try by hand. Starts the cached VS Code
// server (VS Code 1.100.3, the one the tests use) on 127.0.0.1, with the extension packaged
// and installed from its .vsix (what a user gets), on a fresh copy of the kpt corpus; prints
// the URL to open in a browser and stays up until Ctrl+C, then removes its temp folder.
//
//   node test/e2e/demo.mjs                 package the .vsix, install it, serve
//   node test/e2e/demo.mjs --vsix FILE     install FILE instead of packaging
//   node test/e2e/demo.mjs --source        load this folder as the extension under development
//                                          (dist/ as `npm run build` left it) instead
//   node test/e2e/demo.mjs --port 8080     a fixed port (default: a free one)
//
// From another machine: ssh -L PORT:127.0.0.1:PORT this-host, then open the URL there.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs as parseCommandLine } from 'node:util';
import {
	EXTENSION_ID,
	HarnessError,
	ROOT,
	checkExtensionBuilt,
	checkSystemPackages,
	editorDirs,
	ensureVSCodeServer,
	freePort,
	installVsix,
	killServerNow,
	log,
	packageVsix,
	seconds,
	startServer,
	stopServer,
	writeUserSettings,
} from './vscodeServer.mjs';

function parseArgs(argv) {
	let values;
	try {
		({ values } = parseCommandLine({ args: argv, options: { source: { type: 'boolean' }, vsix: { type: 'string' }, port: { type: 'string' } } }));
	} catch (error) {
		throw new HarnessError(`${error.message} (see the comment at the top of test/e2e/demo.mjs)`);
	}
	const options = { source: values.source ?? false, vsix: values.vsix === undefined ? undefined : resolve(values.vsix), port: Number(values.port ?? 0) };
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new HarnessError('--port needs a port number');
	return options;
}

/** Resolves once the workbench page answers (HTTP 200), so the printed URL works when printed. */
function pageAnswers(url) {
	return new Promise((res, rej) => {
		const request = get(url, (response) => {
			response.resume();
			if (response.statusCode === 200) res();
			else rej(new HarnessError(`${url} answered ${response.statusCode}`));
		});
		request.setTimeout(30_000, () => request.destroy(new HarnessError(`${url} did not answer`)));
		request.on('error', rej);
	});
}

let server;
let tmpRoot;
let cleaning;

function cleanup() {
	cleaning ??= (async () => {
		await stopServer(server);
		if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
	})();
	return cleaning;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	checkSystemPackages();
	ensureVSCodeServer();
	tmpRoot = mkdtempSync(join(tmpdir(), 'dda-demo-'));
	const dirs = editorDirs(tmpRoot);
	writeUserSettings(dirs.userData);

	if (options.source) {
		checkExtensionBuilt();
	} else {
		let t = Date.now();
		let vsix = options.vsix;
		if (!vsix) {
			mkdirSync(join(tmpRoot, 'vsix'), { recursive: true });
			vsix = packageVsix(join(tmpRoot, 'vsix', 'design-doc-assistant.vsix'));
			log(`packaged the extension (${seconds(t)})`);
		}
		t = Date.now();
		installVsix(vsix, dirs);
		log(`installed ${EXTENSION_ID} from ${vsix.startsWith(tmpRoot) ? 'the fresh .vsix' : vsix} (${seconds(t)})`);
	}

	const port = options.port || (await freePort());
	// The development parameters are honoured only with the smoke-test driver on.
	server = await startServer(port, dirs, { smokeTestDriver: options.source, label: 'demo' });
	const payload = [['skipWelcome', 'true']];
	if (options.source) payload.push(['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`]);
	const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
	await pageAnswers(url);
	console.log(`
Design Doc Assistant in VS Code ${options.source ? '(extension loaded from this folder)' : '(installed from its .vsix)'}
workspace: ${dirs.workspace}  (a fresh copy of test/fixtures/kpt-design-docs)

  open: ${url}

Try: open 05-kpt-fn-exclude.md (Ctrl+P), Ctrl+. on a squiggle, the Design Docs view in the
Explorer, Ctrl+Space on a "## " line, F1 > Design Doc: New Design Doc.
Ctrl+C stops the editor and removes the workspace copy.
`);
	const { code, signal } = await server.exited;
	if (cleaning) return; // Ctrl+C: the signal handler is cleaning up and exits
	throw new HarnessError(`the VS Code server exited (${code ?? signal})`);
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
	process.on(signal, () => {
		if (cleaning) process.exit(code);
		console.log(`\n[e2e] ${signal}: stopping the editor`);
		cleanup().finally(() => process.exit(code));
	});
}
process.on('exit', () => killServerNow(server));

main().catch(async (err) => {
	console.error(err instanceof HarnessError ? `[e2e] error: ${err.message}` : err);
	await cleanup();
	process.exitCode = 1;
});
