#!/usr/bin/env node
// Real-editor tests: the extension in a real VS Code (the VS Code server shipped in the npm
// package code-server, VS Code 1.100.3), its workbench in headless Debian Chromium driven by
// playwright-core. Recipe: shared notes "Testing in a real VS Code on these machines".
//
// Four phases, each with its own server, user data and fresh copy of the kpt corpus:
//   source  the mocha suite in test/e2e/suite, with the extension loaded from this folder
//   web     VS Code for the Web: the browser-safe suite in test/e2e/web-suite, with the extension
//           from this folder moved into the browser's web-worker extension host (the user
//           setting remote.extensionKind: ["web"]), its server in a Web Worker
//   vsix    the same suite against the packaged .vsix, installed with the server's
//           --install-extension (the suite runs from a test-only host extension,
//           test/e2e/vsix-host, and reaches the real one through vscode.extensions)
//   ui      a person's steps on the workbench page (test/e2e/ui.mjs), on the installed .vsix:
//           Quick Open, squiggles and the Problems panel, the quick fix menu, the status bar,
//           the Design Docs view, completion, New Design Doc; with screenshots
// Every mocha test and every UI step counts in the last line, "N passed, N failed".
//
//   node test/e2e/runner.mjs                  all four phases
//   node test/e2e/runner.mjs --only source,ui a subset of the phases
//   node test/e2e/runner.mjs --vsix FILE      test FILE instead of packaging a fresh .vsix
//   node test/e2e/runner.mjs --install        only install (or check) the cached VS Code server
//
// The .vsix is packaged as `npm run package` does (production build, same vsce flags) in
// out/e2e/vsix/, leaving dist/ alone. Screenshots go to out/e2e/screenshots/; with
// E2E_SCREENSHOTS=1 they are also written to media/ (the README's pictures).
// Nothing waits on a fixed time: the suite waits on events and on the server's state (see
// test/e2e/suite/helpers.ts), and a phase may run as long as it makes progress. A phase fails
// when no test (or UI step) finished for E2E_TIMEOUT_MS (default 720000, longer than mocha's
// own per-test backstop), naming the test it was in.
// Environment: E2E_TIMEOUT_MS (see above), E2E_WAIT_MS (the longest one wait in the suite may
// last, default 120000), E2E_VERBOSE=1 (server and browser output too), E2E_KEEP=1 (keep the
// temp folder), CHROMIUM_PATH (default /usr/bin/chromium), E2E_GREP (mocha grep; the UI phase is
// skipped unless listed in --only).
//
// Needs `npm run build` first (the extension's dist/). Exit status 0 only if every test passed.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs as parseCommandLine } from 'node:util';
import {
	EXTENSION_ID,
	HarnessError,
	ROOT,
	VERBOSE,
	Watchdog,
	buildSuite,
	buildWebSuite,
	checkExtensionBuilt,
	checkSystemPackages,
	editorDirs,
	ensureVSCodeServer,
	freePort,
	installVsix,
	killServerNow,
	launchChromium,
	log,
	packageVsix,
	remoteUri,
	seconds,
	startServer,
	stopServer,
	workbenchUrl,
	writeUserSettings,
} from './vscodeServer.mjs';

const VSIX_HOST = join(ROOT, 'test', 'e2e', 'vsix-host');
const VSIX_OUT = join(ROOT, 'out', 'e2e', 'vsix', 'design-doc-assistant.vsix');
const STALL_MS = Number(process.env.E2E_TIMEOUT_MS || 720_000);
const PHASES = ['source', 'web', 'vsix', 'ui'];
/** The line the web suite reports its counts on (it has no file system to write them to). */
const WEB_RESULTS_PREFIX = 'E2E_RESULTS ';

// ---------------------------------------------------------------- options

function parseArgs(argv) {
	let values;
	try {
		({ values } = parseCommandLine({ args: argv, options: { install: { type: 'boolean' }, only: { type: 'string' }, vsix: { type: 'string' } } }));
	} catch (error) {
		throw new HarnessError(`${error.message} (see the comment at the top of test/e2e/runner.mjs)`);
	}
	const options = {
		install: values.install ?? false,
		only: values.only?.split(',').map((p) => p.trim()).filter(Boolean),
		vsix: values.vsix === undefined ? undefined : resolve(values.vsix),
	};
	options.only ??= process.env.E2E_GREP ? ['source', 'web', 'vsix'] : PHASES;
	const unknown = options.only.filter((p) => !PHASES.includes(p));
	if (unknown.length) throw new HarnessError(`unknown phase ${unknown.join(', ')}: pick from ${PHASES.join(', ')}`);
	if (options.vsix && !existsSync(options.vsix)) throw new HarnessError(`no ${options.vsix}`);
	return options;
}

// ---------------------------------------------------------------- state for cleanup

const servers = new Set();
let browser;
let tmpRoot;
let cleaning;

function cleanup() {
	cleaning ??= (async () => {
		await Promise.allSettled([
			browser ? Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000).unref())]) : undefined,
			...[...servers].map(stopServer),
		]);
		if (tmpRoot && !process.env.E2E_KEEP) {
			try {
				// Retries: a dying process of the server's may still be writing in there.
				rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
			} catch (err) {
				console.error(`[e2e] could not remove ${tmpRoot}: ${err.message}`);
			}
		} else if (tmpRoot) log(`kept ${tmpRoot}`);
	})();
	return cleaning;
}

async function withServer(dirs, options, fn) {
	const port = await freePort();
	const server = await startServer(port, dirs, options);
	servers.add(server);
	try {
		return await fn(port, server);
	} finally {
		await stopServer(server);
		servers.delete(server);
	}
}

function readResults(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------- phases

/**
 * Runs the mocha suite in a fresh editor. `developmentPath`: the extension folder the workbench
 * loads as under development (this repo, or the test-only host of the vsix phase). `settings`:
 * user settings besides the defaults. The counts come from a results file the suite writes,
 * or, from a suite without a file system (`web`), from a line of its log.
 */
async function mochaPhase({ name, title, suiteIndex, developmentPath, extensionsDir, extensionPath, settings, web = false }) {
	const dirs = editorDirs(join(tmpRoot, name), { extensions: extensionsDir });
	writeUserSettings(dirs.userData, settings);
	const resultsFile = join(tmpRoot, name, 'results.json');
	let logResults;
	const env = { E2E_RESULTS_FILE: resultsFile, E2E_PASS: title, E2E_EXTENSION_PATH: extensionPath, VSCODE_E2E: '1' };
	return withServer(dirs, { env, label: name }, async (port, server) => {
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			let settle;
			const finished = new Promise((res, rej) => (settle = { res, rej }));
			finished.catch(() => {}); // awaited below; a late rejection (the server stopping) is no crash
			// Progress: every write of the results file (a test started or ended), and mocha's line
			// for each finished test (for a suite that writes no results file).
			const watchdog = new Watchdog(STALL_MS, () => {
				const at = readResults(resultsFile)?.current;
				const where = at ? `the suite was running "${at}"` : 'the suite never started: the workbench or its extension host did not come up';
				settle.rej(new HarnessError(`no test finished for ${STALL_MS / 1000}s (E2E_TIMEOUT_MS): ${where}`));
			});
			const watcher = watch(dirname(resultsFile), (_, file) => file === basename(resultsFile) && watchdog.progress());
			let exitCode;
			let failure;
			try {
				await page.exposeFunction('codeAutomationLog', (type, args) => {
					const parts = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
					const text = parts.join(' ');
					// ✅: mocha's browser build (the web suite) marks a passed test so.
					if (/^\s*(✔|✅|\d+\)) /.test(text)) watchdog.progress();
					// The web suite has no file system to write its counts to: they come as a log line.
					if (web && text.startsWith(WEB_RESULTS_PREFIX)) {
						logResults = JSON.parse(text.slice(WEB_RESULTS_PREFIX.length));
						return;
					}
					if (!VERBOSE && /ENOTFOUND open-vsx\.org|^\s+at async? ?\S+ \(http:|^Resolv|^Creating a socket|^Updating additional|^\[Service Worker\]|^ChatSessionStore|^Creation of workbench contribution|^\[lifecycle\] Long running/.test(text)) return; // the offline workbench's noise
					(type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : text + '\n');
				});
				await page.exposeFunction('codeAutomationExit', (code) => settle.res(Number(code)));
				page.on('pageerror', (err) => VERBOSE && console.error('[page error]', err.message));
				page.on('console', (msg) => VERBOSE && console.log(`[browser:${msg.type()}]`, msg.text()));
				page.on('crash', () => settle.rej(new HarnessError('the workbench page crashed')));
				server.exited.then(({ code, signal }) => settle.rej(new HarnessError(`the VS Code server exited (${code ?? signal})`)));
				const payload = [
					['extensionDevelopmentPath', remoteUri(port, developmentPath)],
					['extensionTestsPath', remoteUri(port, suiteIndex)],
					['skipWelcome', 'true'],
				];
				const url = workbenchUrl(port, dirs.workspace, payload);
				if (VERBOSE) log(`opening ${url}`);
				// No navigation deadline (Playwright's is 30 s, too short while the machine is busy):
				// the watchdog bounds the wait.
				page.goto(url, { timeout: 0 }).catch((err) => settle.rej(err));
				exitCode = await finished;
			} catch (err) {
				failure = err;
			} finally {
				watchdog.stop();
				watcher.close();
			}
			const results = web ? logResults : readResults(resultsFile);
			let passed = results?.passed ?? 0;
			let failed = results?.failed ?? 0;
			if (failure) {
				console.error(`[e2e] ${name}: ${failure.message}`);
				if (!VERBOSE) process.stderr.write(server.output.slice(-40).join(''));
			}
			if (failure || exitCode !== 0 || !results?.done) {
				if (failed === 0) failed = 1; // a crash, a timeout or a suite that never reported counts as a failure
			}
			if (!failure && results?.done && results.total === 0) {
				console.error(`[e2e] ${name}: the suite ran no test`);
				failed = Math.max(failed, 1);
			}
			return { passed, failed };
		} finally {
			await context.close().catch(() => {});
		}
	});
}

/** A person's steps on the workbench page, against the installed .vsix (test/e2e/ui.mjs). */
async function uiPhase({ extensionsDir, web = false }) {
	const { runUiSteps } = await import('./ui.mjs');
	const name = web ? 'ui-web' : 'ui';
	const dirs = editorDirs(join(tmpRoot, name), { extensions: extensionsDir });
	writeUserSettings(dirs.userData, {
		'editor.minimap.enabled': false,
		'editor.stickyScroll.enabled': false,
		'workbench.editor.enablePreview': false,
		...(web ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {}),
	});
	return withServer(dirs, { label: name, smokeTestDriver: false }, async (port, server) => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		try {
			const page = await context.newPage();
			page.on('pageerror', (err) => VERBOSE && console.error('[page error]', err.message));
			page.on('console', (msg) => VERBOSE && console.log(`[browser:${msg.type()}]`, msg.text()));
			let serverGone;
			const gone = new Promise((_, rej) => (serverGone = rej));
			gone.catch(() => {});
			server.exited.then(({ code, signal }) => serverGone(new HarnessError(`the VS Code server exited (${code ?? signal})`)));
			let stalled;
			const stall = new Promise((_, rej) => (stalled = rej));
			let step = 'loading the workbench page';
			const watchdog = new Watchdog(STALL_MS, () => stalled(new HarnessError(`no UI step finished for ${STALL_MS / 1000}s (E2E_TIMEOUT_MS): the phase was at: ${step}`)));
			const progress = (next) => {
				step = next;
				watchdog.progress();
			};
			try {
				// No navigation deadline (Playwright's is 30 s): the watchdog bounds the wait.
				const steps = page.goto(workbenchUrl(port, dirs.workspace, [['skipWelcome', 'true']]), { timeout: 0 }).then(() => runUiSteps(page, { workspace: dirs.workspace, progress, web }));
				steps.catch(() => {}); // raced below; once the phase is over, a late failure (the page closing) is no crash
				return await Promise.race([steps, stall, gone]);
			} finally {
				watchdog.stop();
			}
		} finally {
			await context.close().catch(() => {});
		}
	});
}

// Fix-all on save, for the Node suite's test of it (set before the editor starts: see there).
const fixAllOnSave = { '[markdown]': { 'editor.codeActionsOnSave': { 'source.fixAll.designDoc': 'explicit' } } };

// ---------------------------------------------------------------- main

async function main() {
	const options = parseArgs(process.argv.slice(2));
	checkSystemPackages();
	let t = Date.now();
	const started = Date.now();
	ensureVSCodeServer();
	log(`VS Code server ready (${seconds(t)})`);
	if (options.install) return 0;
	checkExtensionBuilt();

	t = Date.now();
	const suiteIndex = await buildSuite();
	log(`suite built (${seconds(t)})`);
	tmpRoot = mkdtempSync(join(tmpdir(), 'dda-e2e-'));
	t = Date.now();
	browser = await launchChromium();
	log(`Chromium started (${seconds(t)})`);

	const totals = [];
	const record = (name, result) => {
		totals.push({ name, ...result });
		log(`${name}: ${result.passed} passed, ${result.failed} failed`);
	};
	// One phase's harness failure (its server would not start, say) is a failure of that
	// phase; the others still run.
	const phase = async (name, fn) => {
		const t0 = Date.now();
		try {
			record(name, await fn());
		} catch (err) {
			console.error(err instanceof HarnessError ? `[e2e] ${name}: error: ${err.message}` : err);
			record(name, { passed: 0, failed: 1 });
		}
		log(`${name} phase took ${seconds(t0)}`);
	};

	if (options.only.includes('source')) {
		await phase('source folder', () =>
			mochaPhase({ name: 'source', title: 'source folder', suiteIndex, developmentPath: ROOT, extensionsDir: undefined, extensionPath: ROOT, settings: fixAllOnSave }),
		);
	}

	if (options.only.includes('web')) {
		t = Date.now();
		const webSuiteIndex = await buildWebSuite();
		log(`web suite built (${seconds(t)})`);
		await phase('VS Code for the Web', () =>
			mochaPhase({
				name: 'web',
				title: 'VS Code for the Web',
				suiteIndex: webSuiteIndex,
				developmentPath: ROOT,
				extensionsDir: undefined,
				extensionPath: ROOT,
				// An extension with both `main` and `browser` runs in the Node host unless the user
				// moves it (the payload's extensionDevelopmentKind is ignored by this build).
				settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
				web: true,
			}),
		);
	}

	if (options.only.includes('vsix') || options.only.includes('ui')) {
		let installed;
		const extensionsDir = join(tmpRoot, 'vsix-extensions');
		await phase('package and install the .vsix', async () => {
			t = Date.now();
			let vsix = options.vsix;
			if (!vsix) {
				mkdirSync(join(ROOT, 'out', 'e2e', 'vsix'), { recursive: true });
				vsix = packageVsix(VSIX_OUT);
				log(`packaged ${vsix.replace(ROOT + '/', '')} (${seconds(t)})`);
			}
			t = Date.now();
			const dirs = { serverData: join(tmpRoot, 'vsix-install', 'server-data'), userData: join(tmpRoot, 'vsix-install', 'user-data'), extensions: extensionsDir };
			for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
			installed = installVsix(vsix, dirs);
			log(`installed ${EXTENSION_ID} from the .vsix into the extensions folder (${seconds(t)})`);
			// The artifact itself: small, no node_modules, for the VS Code it is tested on.
			const problems = [];
			const size = statSync(vsix).size;
			if (size >= 1 << 20) problems.push(`it is ${size} bytes (1 MB at most)`);
			if (readdirSync(installed).includes('node_modules')) problems.push('it ships node_modules');
			const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
			if (manifest.engines?.vscode !== '^1.100.0') problems.push(`engines.vscode is ${manifest.engines?.vscode}`);
			if (!manifest.browser) problems.push('it has no "browser" entry (VS Code for the Web)');
			for (const file of [manifest.main, manifest.browser ?? 'dist/web/client.js', 'dist/server.js', 'dist/web/server.js', 'dist/web/worker.js', manifest.icon].map((f) => f.replace(/^\.\//, ''))) {
				if (!existsSync(join(installed, file))) problems.push(`it lacks ${file}`);
			}
			if (problems.length) throw new HarnessError(`the .vsix: ${problems.join('; ')}`);
			log(`the .vsix: ${(size / 1024).toFixed(0)} KB, no node_modules, engines.vscode ${manifest.engines.vscode}`);
			return { passed: 1, failed: 0 };
		});
		if (installed && options.only.includes('vsix')) {
			await phase('installed .vsix', () =>
				mochaPhase({ name: 'vsix', title: 'installed .vsix', suiteIndex, developmentPath: VSIX_HOST, extensionsDir, extensionPath: installed, settings: fixAllOnSave }),
			);
		}
		if (installed && options.only.includes('ui')) {
			await phase('UI steps (installed .vsix)', () => uiPhase({ extensionsDir }));
			await phase('UI steps, VS Code for the Web (installed .vsix)', () => uiPhase({ extensionsDir, web: true }));
		}
	}

	t = Date.now();
	await cleanup();
	log(`stopped the browser and the VS Code servers (${seconds(t)})`);
	const passed = totals.reduce((n, r) => n + r.passed, 0);
	const failed = totals.reduce((n, r) => n + r.failed, 0);
	log(`total ${seconds(started)}: ${totals.map((r) => `${r.name} ${r.passed}/${r.passed + r.failed}`).join(', ')}`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
	process.on(signal, () => {
		if (cleaning) process.exit(code); // a second signal: the 'exit' handler still kills the servers
		console.error(`[e2e] ${signal}: stopping the VS Code servers and the browser`);
		cleanup().finally(() => process.exit(code));
	});
}
process.on('exit', () => {
	// Last resort if something skipped cleanup(): never leave a server's process group behind.
	for (const server of servers) killServerNow(server);
});

main()
	.then((code) => {
		process.exitCode = code;
	})
	.catch(async (err) => {
		console.error(err instanceof HarnessError ? `[e2e] error: ${err.message}` : err);
		await cleanup();
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	});
