#!/usr/bin/env node
// Real-editor tests: runs the mocha suite in test/e2e/suite inside a real VS Code
// (the VS Code server shipped in the npm package code-server, VS Code 1.100.3),
// with its workbench in headless Debian Chromium driven by playwright-core.
// Recipe: shared notes "Testing in a real VS Code on these machines".
//
//   node test/e2e/runner.mjs              build the suite, run it, print "N passed, N failed"
//   node test/e2e/runner.mjs --install    only install (or check) the cached VS Code server
//
// Environment: E2E_TIMEOUT_MS (whole run, default 300000), E2E_VERBOSE=1 (browser console too),
// E2E_KEEP=1 (keep the temp folder), CHROMIUM_PATH (default /usr/bin/chromium),
// E2E_GREP (mocha grep).
//
// Needs `npm run build` first (the extension's dist/). Exit status 0 only if every test passed.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, lstatSync, readdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const MARKER = join(CACHE, '.installed');
const VSCODE_DIR = join(CACHE, 'node_modules', 'code-server', 'lib', 'vscode');
const SERVER_MAIN = join(VSCODE_DIR, 'out', 'server-main.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'kpt-design-docs');
const SUITE_SRC = join(ROOT, 'test', 'e2e', 'suite');
const SUITE_OUT = join(ROOT, 'out', 'e2e', 'suite');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 300_000);
const SERVER_START_TIMEOUT_MS = 60_000;
const VERBOSE = !!process.env.E2E_VERBOSE;
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

const log = (...args) => console.log('[e2e]', ...args);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

class HarnessError extends Error {}

// ---------------------------------------------------------------- prerequisites

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function checkSystemPackages() {
	const missing = [];
	if (!existsSync(CHROMIUM)) missing.push(`chromium (no ${CHROMIUM})`);
	if (!which('rg')) missing.push('ripgrep (no rg on PATH)');
	if (missing.length) {
		throw new HarnessError(
			`missing system packages: ${missing.join(', ')}.\n` +
				'Install them with: apt-get update && apt-get install -y chromium ripgrep',
		);
	}
}

function checkExtensionBuilt() {
	for (const f of ['dist/client.js', 'dist/server.js']) {
		if (!existsSync(join(ROOT, f))) throw new HarnessError(`${f} is missing: run \`npm run build\` first.`);
	}
}

// ---------------------------------------------------------------- VS Code server install (cached)

/** The environment for nested npm commands: none of an enclosing `npm run`'s npm_* settings
 *  (npm_config_local_prefix and the like would send the install into the repo itself). */
function npmEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
	return env;
}

function run(cmd, args, cwd, { allowFailure = false } = {}) {
	log(`$ (cd ${cwd.replace(ROOT + '/', '')} && ${cmd} ${args.join(' ')})`);
	const r = spawnSync(cmd, args, { cwd, env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0 && !allowFailure) {
		process.stderr.write(r.stdout.slice(-4000) + r.stderr.slice(-4000));
		throw new HarnessError(`\`${cmd} ${args.join(' ')}\` failed in ${cwd} (exit ${r.status ?? r.signal})`);
	}
	return r;
}

function linkRipgrep() {
	const rg = which('rg');
	const binDir = join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
	mkdirSync(binDir, { recursive: true });
	const link = join(binDir, 'rg');
	try {
		lstatSync(link);
		unlinkSync(link);
	} catch {}
	symlinkSync(rg, link);
}

function ensureVSCodeServer() {
	if (existsSync(MARKER) && existsSync(SERVER_MAIN)) {
		linkRipgrep(); // cheap; follows rg if it moved
		return;
	}
	const started = Date.now();
	log(`installing the VS Code server from code-server@${CODE_SERVER_VERSION} into ${CACHE} (once; cached after)`);
	rmSync(CACHE, { recursive: true, force: true }); // a half-done install is redone from scratch
	mkdirSync(CACHE, { recursive: true });
	const npmFlags = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	run('npm', ['install', '--prefix', CACHE, `code-server@${CODE_SERVER_VERSION}`, ...npmFlags], CACHE);
	run('npm', ['install', '--prefix', VSCODE_DIR, '--omit=dev', ...npmFlags], VSCODE_DIR);
	// node-pty's own post-step may fail; what matters is that the .node files are built.
	const rebuild = run('npm', ['rebuild', '--prefix', VSCODE_DIR, '@vscode/spdlog', 'node-pty', 'native-watchdog'], VSCODE_DIR, { allowFailure: true });
	const addons = ['@vscode/spdlog/build/Release/spdlog.node', 'node-pty/build/Release/pty.node', 'native-watchdog/build/Release/watchdog.node'];
	const missing = addons.filter((a) => !existsSync(join(VSCODE_DIR, 'node_modules', a)));
	if (missing.length) {
		process.stderr.write(rebuild.stdout.slice(-4000) + rebuild.stderr.slice(-4000));
		throw new HarnessError(`native modules not built: ${missing.join(', ')} (needs python3 make g++)`);
	}
	const asar = join(VSCODE_DIR, 'node_modules.asar');
	rmSync(asar, { force: true });
	symlinkSync('node_modules', asar);
	linkRipgrep();
	const extDir = join(VSCODE_DIR, 'extensions');
	run('npm', ['install', '--prefix', extDir, '--omit=dev', ...npmFlags], extDir);
	if (!existsSync(SERVER_MAIN)) throw new HarnessError(`${SERVER_MAIN} missing after install`);
	writeFileSync(MARKER, `code-server@${CODE_SERVER_VERSION}\n`); // written last: the cache is complete
	log(`VS Code server installed in ${seconds(started)}`);
}

// ---------------------------------------------------------------- suite build

async function buildSuite() {
	const { build } = await import('esbuild');
	rmSync(SUITE_OUT, { recursive: true, force: true });
	const entryPoints = readdirSync(SUITE_SRC)
		.filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
		.map((f) => join(SUITE_SRC, f));
	await build({
		entryPoints,
		outdir: SUITE_OUT,
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		// `vscode` comes from the extension host; mocha from the repo's node_modules, one
		// instance shared by index.js and the test files.
		external: ['vscode', 'mocha'],
		sourcemap: 'inline',
		logLevel: 'warning',
	});
	return join(SUITE_OUT, 'index.js');
}

/** User settings of the test editor: nothing that reaches for the network (no gallery here). */
function writeUserSettings(userData) {
	const settings = {
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'extensions.ignoreRecommendations': true,
		'workbench.enableExperiments': false,
		'workbench.startupEditor': 'none',
		'telemetry.telemetryLevel': 'off',
		'update.mode': 'none',
		'chat.disableAIFeatures': true,
	};
	mkdirSync(join(userData, 'User'), { recursive: true });
	writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, '\t'));
}

// ---------------------------------------------------------------- processes

function freePort() {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => res(port));
		});
	});
}

function canConnect(port) {
	return new Promise((res) => {
		const s = connect({ host: '127.0.0.1', port });
		s.once('connect', () => (s.destroy(), res(true)));
		s.once('error', () => (s.destroy(), res(false)));
	});
}

/** Starts server-main.js; resolves once it accepts connections (its "listening" line, or a connect). */
async function startServer(port, dirs, resultsFile) {
	const args = [
		SERVER_MAIN,
		'--host', '127.0.0.1',
		'--port', String(port),
		'--without-connection-token',
		'--accept-server-license-terms',
		'--enable-smoke-test-driver',
		'--disable-workspace-trust',
		'--disable-telemetry',
		'--server-data-dir', dirs.serverData,
		'--user-data-dir', dirs.userData,
		'--extensions-dir', dirs.extensions,
	];
	const child = spawn(process.execPath, args, {
		cwd: ROOT,
		detached: true, // own process group: the extension host and pty host go with it
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...npmEnv(), E2E_RESULTS_FILE: resultsFile, VSCODE_E2E: '1' },
	});
	const output = [];
	const onData = (prefix) => (chunk) => {
		const text = chunk.toString();
		output.push(text);
		if (output.length > 400) output.shift();
		if (VERBOSE) process.stdout.write(text.replace(/^(?=.)/gm, prefix));
	};
	child.stdout.on('data', onData('[server] '));
	child.stderr.on('data', onData('[server:err] '));
	const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
	child.exited = exited;
	child.output = output;

	const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
	let listening = false;
	const listenLine = new Promise((res) => {
		const check = (chunk) => {
			if (/listening on/i.test(chunk.toString())) res(true);
		};
		child.stdout.on('data', check);
	});
	let serverGone = false;
	exited.then(() => (serverGone = true));
	// Event first (the "listening" line), with a bounded connect poll as a fallback.
	const poll = (async () => {
		while (!listening && !serverGone && Date.now() < deadline) {
			if (await canConnect(port)) return true;
			await new Promise((r) => setTimeout(r, 100));
		}
		return false;
	})();
	const winner = await Promise.race([
		listenLine,
		poll,
		exited.then(({ code, signal }) => {
			throw new HarnessError(`VS Code server exited during start (${code ?? signal}):\n${output.join('')}`);
		}),
	]);
	listening = true;
	if (!winner) throw new HarnessError(`VS Code server did not listen on port ${port} within ${SERVER_START_TIMEOUT_MS / 1000}s:\n${output.join('')}`);
	return child;
}

function stopServer(child) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	const done = child.exited;
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {}
	const t = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}, 5000).unref();
	return done.finally(() => {
		clearTimeout(t);
		try {
			process.kill(-child.pid, 'SIGKILL'); // stragglers of the group
		} catch {}
	});
}

// ---------------------------------------------------------------- main

let server;
let browser;
let tmpRoot;
let cleaning;

function cleanup() {
	cleaning ??= (async () => {
		await Promise.allSettled([
			browser ? Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000).unref())]) : undefined,
			stopServer(server),
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

function readResults(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

async function main() {
	const installOnly = process.argv.includes('--install');
	checkSystemPackages();
	let t = Date.now();
	ensureVSCodeServer();
	log(`VS Code server ready (${seconds(t)})`);
	if (installOnly) return 0;
	checkExtensionBuilt();

	t = Date.now();
	const suiteIndex = await buildSuite();
	log(`suite built (${seconds(t)})`);

	tmpRoot = mkdtempSync(join(tmpdir(), 'dda-e2e-'));
	const dirs = {
		workspace: join(tmpRoot, 'kpt-design-docs'),
		serverData: join(tmpRoot, 'server-data'),
		userData: join(tmpRoot, 'user-data'),
		extensions: join(tmpRoot, 'extensions'),
	};
	cpSync(FIXTURE, dirs.workspace, { recursive: true });
	for (const d of [dirs.serverData, dirs.userData, dirs.extensions]) mkdirSync(d, { recursive: true });
	writeUserSettings(dirs.userData);
	const resultsFile = join(tmpRoot, 'results.json');

	t = Date.now();
	const port = await freePort();
	server = await startServer(port, dirs, resultsFile);
	log(`VS Code server listening on 127.0.0.1:${port} (${seconds(t)})`);

	const { chromium } = await import('playwright-core');
	t = Date.now();
	// Signals are ours (below): Playwright's own SIGINT handler would exit before the cleanup.
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
	});
	const page = await browser.newPage();
	log(`Chromium started (${seconds(t)})`);

	let settle;
	const finished = new Promise((res, rej) => (settle = { res, rej }));
	await page.exposeFunction('codeAutomationLog', (type, args) => {
		const parts = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
		const text = parts.join(' ');
		(type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : text + '\n');
	});
	await page.exposeFunction('codeAutomationExit', (code) => settle.res(Number(code)));
	page.on('pageerror', (err) => VERBOSE && console.error('[page error]', err.message));
	page.on('console', (msg) => VERBOSE && console.log(`[browser:${msg.type()}]`, msg.text()));
	page.on('crash', () => settle.rej(new HarnessError('the workbench page crashed')));
	browser.on('disconnected', () => settle.rej(new HarnessError('the browser went away')));
	server.exited.then(({ code, signal }) => settle.rej(new HarnessError(`the VS Code server exited (${code ?? signal})`)));
	const timer = setTimeout(() => settle.rej(new HarnessError(`timed out after ${TIMEOUT_MS / 1000}s`)), TIMEOUT_MS);

	const authority = `127.0.0.1:${port}`;
	const remote = (p) => `vscode-remote://${authority}${p}`;
	const payload = [
		['extensionDevelopmentPath', remote(ROOT)],
		['extensionTestsPath', remote(suiteIndex)],
		['skipWelcome', 'true'],
	];
	const url = `http://${authority}/?folder=${encodeURIComponent(remote(dirs.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
	if (VERBOSE) log(`opening ${url}`);
	t = Date.now();
	await page.goto(url);

	let exitCode;
	let failure;
	try {
		exitCode = await finished;
	} catch (err) {
		failure = err;
	} finally {
		clearTimeout(timer);
	}
	log(`suite ran in ${seconds(t)}`);

	const results = readResults(resultsFile);
	let passed = results?.passed ?? 0;
	let failed = results?.failed ?? 0;
	if (failure) {
		console.error(`[e2e] ${failure.message}`);
		if (!VERBOSE) process.stderr.write(server.output.slice(-40).join(''));
	}
	if (failure || exitCode !== 0 || !results?.done) {
		if (failed === 0) failed = 1; // a crash, a timeout or a suite that never reported counts as a failure
	}
	if (!failure && results?.done && results.total === 0) {
		console.error('[e2e] the suite ran no test');
		failed = Math.max(failed, 1);
	}
	t = Date.now();
	await cleanup();
	log(`stopped the browser and the VS Code server (${seconds(t)})`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && exitCode === 0 ? 0 : 1;
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
	process.on(signal, () => {
		if (cleaning) process.exit(code); // a second signal: the 'exit' handler still kills the server
		console.error(`[e2e] ${signal}: stopping the VS Code server and the browser`);
		cleanup().finally(() => process.exit(code));
	});
}
process.on('exit', () => {
	// Last resort if something skipped cleanup(): never leave the server's process group behind.
	if (server && server.exitCode === null && server.signalCode === null) {
		try {
			process.kill(-server.pid, 'SIGKILL');
		} catch {}
	}
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
