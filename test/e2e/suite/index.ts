// Entry point of the real-editor suite (the extension host loads it through
// `extensionTestsPath`). An ordinary @vscode/test-electron suite: it also runs under
// @vscode/test-electron / @vscode/test-cli where a desktop VS Code can be downloaded.
// test/e2e/runner.mjs bundles every `*.test.ts` here to out/e2e/suite/*.test.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { WAIT_MS } from './helpers';

export function run(): Promise<void> {
	// The reporter logs printf-style (`'%s (%dms)', title, ms`); format it here, since a browser
	// workbench forwards the extension host's console as plain text.
	Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
	const mocha = new Mocha({
		ui: 'tdd',
		// A backstop for a test stuck outside the helpers' waits (each bounded by WAIT_MS, with a
		// message saying what it waited for): room for several such waits on a loaded machine.
		timeout: 5 * WAIT_MS,
		color: false,
		reporter: 'spec',
		...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
	});
	// The runner names its passes ("source folder", "installed .vsix") in the report.
	if (process.env.E2E_PASS) mocha.suite.title = process.env.E2E_PASS;
	for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
		mocha.addFile(path.join(__dirname, file));
	}
	// For test/e2e/runner.mjs: counts and the test under way, written as the run goes, so a crash
	// or a stall still tells (the runner's watchdog reads each write as progress).
	const resultsFile = process.env.E2E_RESULTS_FILE;
	const counts = { passed: 0, failed: 0, pending: 0, total: 0, done: false, current: '' };
	const save = () => {
		if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(counts));
	};
	save();
	return new Promise((resolve, reject) => {
		try {
			const runner = mocha.run((failures) => {
				counts.done = true;
				save();
				if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
				else resolve();
			});
			runner.on('test', (t) => ((counts.current = t.fullTitle()), save()));
			runner.on('pass', () => (counts.passed++, counts.total++, save()));
			runner.on('fail', (t) => {
				counts.failed++;
				if (t.type === 'test') counts.total++;
				save();
			});
			runner.on('pending', () => (counts.pending++, save()));
		} catch (err) {
			counts.failed++;
			counts.done = true;
			save();
			reject(err);
		}
	});
}
