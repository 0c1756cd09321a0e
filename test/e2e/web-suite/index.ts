// Entry point of the browser-safe suite, run in VS Code for the Web's web-worker extension
// host (test/e2e/runner.mjs, phase `web`). It must be bundled inside the extension's folder to
// be loaded there, and may use nothing of Node: no fs, no environment, no `process`. The counts
// go back to the runner as one log line (the host forwards the console), not through a file.
import './setup';
import './web.test';

/** The line test/e2e/runner.mjs reads the counts from. */
const resultsPrefix = 'E2E_RESULTS ';

export function run(): Promise<void> {
	const counts = { passed: 0, failed: 0, pending: 0, total: 0, done: false };
	mocha.suite.title = 'VS Code for the Web';
	return new Promise((resolve, reject) => {
		const runner = mocha.run((failures) => {
			counts.done = true;
			console.log(resultsPrefix + JSON.stringify(counts));
			if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
			else resolve();
		});
		runner.on('pass', () => (counts.passed++, counts.total++));
		runner.on('fail', (t) => {
			counts.failed++;
			if (t.type === 'test') counts.total++;
		});
		runner.on('pending', () => counts.pending++);
	});
}
