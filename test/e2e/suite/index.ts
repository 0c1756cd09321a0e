// Entry point of the real-editor suite (the extension host loads it through
// `extensionTestsPath`). An ordinary @vscode/test-electron suite: it also runs under
// @vscode/test-electron / @vscode/test-cli where a desktop VS Code can be downloaded.
// test/e2e/runner.mjs bundles every `*.test.ts` here to out/e2e/suite/*.test.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
	// The reporter logs printf-style (`'%s (%dms)', title, ms`); format it here, since a browser
	// workbench forwards the extension host's console as plain text.
	Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
	const mocha = new Mocha({
		ui: 'tdd',
		timeout: 60_000,
		color: false,
		reporter: 'spec',
		...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
	});
	// The runner names its passes ("source folder", "installed .vsix") in the report.
	if (process.env.E2E_PASS) mocha.suite.title = process.env.E2E_PASS;
	for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
		mocha.addFile(path.join(__dirname, file));
	}
	// For test/e2e/runner.mjs: counts, written as the run goes, so a crash or timeout still tells.
	const resultsFile = process.env.E2E_RESULTS_FILE;
	const counts = { passed: 0, failed: 0, pending: 0, total: 0, done: false };
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
