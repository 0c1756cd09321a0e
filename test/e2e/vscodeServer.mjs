// Shared by test/e2e/runner.mjs and test/e2e/demo.mjs: the cached VS Code server (the one
// shipped in the npm package code-server, VS Code 1.100.3), packaging and installing the
// extension's .vsix, starting and stopping the server, and headless Chromium.
// Recipe: shared notes "Testing in a real VS Code on these machines".

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const MARKER = join(CACHE, '.installed');
export const VSCODE_DIR = join(CACHE, 'node_modules', 'code-server', 'lib', 'vscode');
export const SERVER_MAIN = join(VSCODE_DIR, 'out', 'server-main.js');
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'kpt-design-docs');
const SUITE_SRC = join(ROOT, 'test', 'e2e', 'suite');
const SUITE_OUT = join(ROOT, 'out', 'e2e', 'suite');
const WEB_SUITE_SRC = join(ROOT, 'test', 'e2e', 'web-suite');
// Inside the extension's folder: the web-worker extension host loads tests only from there.
const WEB_SUITE_OUT = join(ROOT, 'out', 'e2e', 'web-suite');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const VERBOSE = !!process.env.E2E_VERBOSE;
const PACKAGE_JSON = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** `publisher.name`, as VS Code names the extension. */
export const EXTENSION_ID = `${PACKAGE_JSON.publisher}.${PACKAGE_JSON.name}`;
/** The folder the server installs the .vsix into: `publisher.name-version`. */
export const INSTALLED_FOLDER = `${EXTENSION_ID}-${PACKAGE_JSON.version}`;
// Generous: on a busy machine starting Node and the server's modules alone can take a minute.
const SERVER_START_TIMEOUT_MS = 180_000;
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

export const log = (...args) => console.log('[e2e]', ...args);
export const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

export class HarnessError extends Error {}

/**
 * Fails a phase that stops making progress, however long it runs while it does: `onStall`
 * runs once no `progress()` came for `ms`. On a loaded machine a whole phase may take many
 * minutes; only a stall is an error.
 */
export class Watchdog {
	constructor(ms, onStall) {
		this.ms = ms;
		this.onStall = onStall;
		this.progress();
	}

	progress() {
		clearTimeout(this.timer);
		this.timer = setTimeout(this.onStall, this.ms);
	}

	stop() {
		clearTimeout(this.timer);
	}
}

// ---------------------------------------------------------------- prerequisites

export function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

export function checkSystemPackages() {
	const missing = [];
	if (!existsSync(CHROMIUM)) missing.push(`chromium (no ${CHROMIUM})`);
	if (!which('rg')) missing.push('ripgrep (no rg on PATH)');
	if (missing.length) {
		throw new HarnessError(
			`missing system packages: ${missing.join(', ')}.\n` + 'Install them with: apt-get update && apt-get install -y chromium ripgrep',
		);
	}
}

export function checkExtensionBuilt() {
	for (const f of ['dist/client.js', 'dist/server.js', 'dist/web/client.js', 'dist/web/server.js', 'dist/web/worker.js']) {
		if (!existsSync(join(ROOT, f))) throw new HarnessError(`${f} is missing: run \`npm run build\` first.`);
	}
}

// ---------------------------------------------------------------- VS Code server install (cached)

/** The environment for nested npm commands: none of an enclosing `npm run`'s npm_* settings
 *  (npm_config_local_prefix and the like would send the install into the repo itself). */
export function npmEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
	return env;
}

export function run(cmd, args, cwd, { allowFailure = false, quiet = false } = {}) {
	if (!quiet) log(`$ (cd ${cwd === ROOT ? '.' : cwd.replace(ROOT + '/', '')} && ${cmd} ${args.join(' ')})`);
	const r = spawnSync(cmd, args, { cwd, env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0 && !allowFailure) {
		process.stderr.write((r.stdout ?? '').slice(-4000) + (r.stderr ?? '').slice(-4000));
		throw new HarnessError(`\`${cmd} ${args.join(' ')}\` failed in ${cwd} (exit ${r.status ?? r.signal ?? r.error?.message})`);
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

export function ensureVSCodeServer() {
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

// ---------------------------------------------------------------- the .vsix

/**
 * Packages the extension exactly as `npm run package` does (the same build script with
 * `--production`, the same vsce flags, the same package.json and its `files` list), but in a
 * staging folder, so the repo's dist/ (the development build, with source maps) is left alone.
 * Returns the path of the .vsix, written to `outFile`.
 */
export function packageVsix(outFile) {
	const stage = join(dirname(outFile), 'stage');
	rmSync(stage, { recursive: true, force: true });
	mkdirSync(stage, { recursive: true });
	// What vsce reads (package.json, its `files`, the icon) is copied; the sources are linked
	// only for the build (esbuild resolves entry points against the working directory).
	const copies = new Set(['package.json', ...PACKAGE_JSON.files.map((f) => f.split('/')[0]).filter((f) => f !== 'dist'), ...(PACKAGE_JSON.icon ? [PACKAGE_JSON.icon.split('/')[0]] : [])]);
	for (const entry of copies) {
		if (!existsSync(join(ROOT, entry))) continue; // vsce reports what is missing
		cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
	}
	for (const entry of ['client', 'server']) symlinkSync(join(ROOT, entry), join(stage, entry));
	try {
		run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], stage, { quiet: !VERBOSE });
	} finally {
		for (const entry of ['client', 'server']) unlinkSync(join(stage, entry));
	}
	rmSync(outFile, { force: true });
	const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
	const flags = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', outFile];
	run(process.execPath, [vsce, ...flags], stage, { quiet: !VERBOSE });
	if (!existsSync(outFile)) throw new HarnessError(`vsce wrote no ${outFile}`);
	return outFile;
}

/** Installs a .vsix into `dirs.extensions` with the server's own CLI, offline. Returns the installed folder. */
export function installVsix(vsix, dirs) {
	const r = run(
		process.execPath,
		[
			SERVER_MAIN,
			'--accept-server-license-terms',
			'--server-data-dir', dirs.serverData,
			'--user-data-dir', dirs.userData,
			'--extensions-dir', dirs.extensions,
			'--install-extension', vsix,
		],
		ROOT,
		{ quiet: !VERBOSE },
	);
	const installed = join(dirs.extensions, INSTALLED_FOLDER);
	if (!existsSync(join(installed, 'package.json'))) {
		process.stderr.write(r.stdout + r.stderr);
		throw new HarnessError(`installing ${vsix} left no ${installed}`);
	}
	return installed;
}

// ---------------------------------------------------------------- one editor's folders

/**
 * The folders of one editor under `root`: a fresh copy of the kpt corpus as the workspace,
 * and the server's data, user data and extensions folders. `extensions` may be shared.
 */
export function editorDirs(root, { extensions } = {}) {
	const dirs = {
		workspace: join(root, 'kpt-design-docs'),
		serverData: join(root, 'server-data'),
		userData: join(root, 'user-data'),
		extensions: extensions ?? join(root, 'extensions'),
	};
	cpSync(FIXTURE, dirs.workspace, { recursive: true });
	for (const d of [dirs.serverData, dirs.userData, dirs.extensions]) mkdirSync(d, { recursive: true });
	return dirs;
}

/**
 * User settings of the editor (read from the server's user data folder): nothing that
 * reaches for the network (there is no gallery here), no tips or AI prompts in the pictures.
 * E2E_SETTINGS (JSON) adds or overrides settings, e.g. '{"designDoc.trace.server":"verbose"}' (the
 * trace lands in the server's user data folder, under logs/: keep it with E2E_KEEP=1).
 */
export function writeUserSettings(userData, extra = {}) {
	const settings = {
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'extensions.ignoreRecommendations': true,
		'workbench.enableExperiments': false,
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'telemetry.telemetryLevel': 'off',
		'update.mode': 'none',
		'chat.disableAIFeatures': true,
		'chat.commandCenter.enabled': false,
		'git.enabled': false,
		// As in desktop VS Code. The web workbench's default is "afterDelay", which saves an edited
		// doc a second later (a save that skips "explicit" code actions on save, and writes one
		// test's edits to disk under the next test).
		'files.autoSave': 'off',
		...extra,
		...(process.env.E2E_SETTINGS ? JSON.parse(process.env.E2E_SETTINGS) : {}),
	};
	mkdirSync(join(userData, 'User'), { recursive: true });
	writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, '\t'));
}

// ---------------------------------------------------------------- processes

export function freePort() {
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

/**
 * Starts server-main.js on 127.0.0.1:`port`; resolves once it accepts connections (its
 * "listening" line, or a connect). `env` is added to the environment of the server and so of
 * its extension host. The child has `exited` (a promise) and `output` (its last lines).
 */
export async function startServer(port, dirs, { env = {}, smokeTestDriver = true, label = 'server' } = {}) {
	const args = [
		SERVER_MAIN,
		'--host', '127.0.0.1',
		'--port', String(port),
		'--without-connection-token',
		'--accept-server-license-terms',
		// Without it the workbench ignores extensionDevelopmentPath / extensionTestsPath.
		...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
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
		env: { ...npmEnv(), ...env },
	});
	const output = [];
	const onData = (prefix) => (chunk) => {
		const text = chunk.toString();
		output.push(text);
		if (output.length > 400) output.shift();
		if (VERBOSE) process.stdout.write(text.replace(/^(?=.)/gm, prefix));
	};
	child.stdout.on('data', onData(`[${label}] `));
	child.stderr.on('data', onData(`[${label}:err] `));
	const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
	child.exited = exited;
	child.output = output;

	const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
	let settled = false;
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
		while (!settled && !serverGone && Date.now() < deadline) {
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
	settled = true;
	if (!winner) throw new HarnessError(`VS Code server did not listen on port ${port} within ${SERVER_START_TIMEOUT_MS / 1000}s:\n${output.join('')}`);
	return child;
}

export function stopServer(child) {
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

/** Kills a server's process group at once (from an 'exit' handler: no promises there). */
export function killServerNow(child) {
	if (child && child.exitCode === null && child.signalCode === null) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}
}

/** Headless Chromium; signals stay with the caller (Playwright's own handlers would exit before its cleanup). */
export async function launchChromium() {
	const { chromium } = await import('playwright-core');
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		timeout: 180_000, // Playwright's default, 30 s, is too short on a busy machine (it took 30 s here)
	});
}

/** The workbench URL that opens `workspace` (a local path the server sees) with the given payload. */
export function workbenchUrl(port, workspace, payload = []) {
	const authority = `127.0.0.1:${port}`;
	const query = [`folder=${encodeURIComponent(remoteUri(port, workspace))}`];
	if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
	return `http://${authority}/?${query.join('&')}`;
}

/** A path on the server, as the workbench names it. */
export function remoteUri(port, path) {
	return `vscode-remote://127.0.0.1:${port}${path}`;
}

// ---------------------------------------------------------------- suite build

/** Bundles the mocha suite for the extension host (CommonJS; `vscode` and `mocha` external). */
export async function buildSuite() {
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

/**
 * Bundles the browser-safe suite for the web-worker extension host: one CommonJS file (the host
 * provides `vscode`), mocha's own browser build inside, and, as for the extension's browser
 * bundles, no Node built-in anywhere.
 */
export async function buildWebSuite() {
	const { build } = await import('esbuild');
	const { noNodeBuiltins } = await import('../../scripts/browserSafe.mjs');
	rmSync(WEB_SUITE_OUT, { recursive: true, force: true });
	await build({
		entryPoints: [join(WEB_SUITE_SRC, 'index.ts')],
		outfile: join(WEB_SUITE_OUT, 'index.js'),
		bundle: true,
		platform: 'browser',
		target: 'es2022',
		format: 'cjs',
		conditions: ['worker'],
		mainFields: ['browser', 'module', 'main'],
		external: ['vscode'],
		plugins: [noNodeBuiltins],
		sourcemap: 'inline',
		logLevel: 'warning',
	});
	return join(WEB_SUITE_OUT, 'index.js');
}
