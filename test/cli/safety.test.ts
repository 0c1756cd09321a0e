import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { JsonReport, cleanDoc, cliScript, lint, warningsDoc, workspace } from './lint';

const header = '# Hostile\n\n* Author(s): Ada\n* Approver: Grace\n\n## Why\n\n';

test('hostile docs finish with validation-skipped, in the worker, within the time budget', async () => {
	const folder = workspace(
		{
			'design-docs/01-quotes.md': `${header}${'>'.repeat(50_000)}\n`,
			'design-docs/02-bullets.md': `${header}${'* '.repeat(8_000)}\n`,
			'design-docs/03-emphasis.md': `${header}${'**_* '.repeat(20_000)}\n`,
		},
		// The smallest budget: the bullets take a few hundred ms to parse even on a fast machine.
		{ validationTimeoutMs: 50 },
	);
	const run = await lint(folder, ['--format', 'json', 'design-docs']);
	assert.equal(run.code, 1, `missing sections are errors; ${run.stderr}`);
	const reports: JsonReport[] = JSON.parse(run.stdout);
	assert.deepEqual(
		reports.map((report) => [report.file, report.diagnostics[0]?.code, report.diagnostics.filter((d) => d.code === 'missing-section').length]),
		[
			['design-docs/01-quotes.md', 'validation-skipped', 4],
			['design-docs/02-bullets.md', 'validation-skipped', 4],
			['design-docs/03-emphasis.md', 'validation-skipped', 4],
		],
	);
	assert.match(reports[0]!.diagnostics[0]!.message, /took more than the 50 ms of work set in validationTimeoutMs/);
});

test('a doc that makes the checker throw is one finding on that doc; the others are checked; exit 2', async () => {
	const folder = workspace({
		'design-docs/01-faster-rendering.md': cleanDoc,
		'design-docs/02-crash.md': `${warningsDoc}\nCRASH-HERE\n`,
		'design-docs/03-slower-rendering.md': warningsDoc,
	});
	for (const mode of ['throw', 'exit']) {
		const run = await lint(folder, ['--format', 'json', '--jobs', '1', 'design-docs'], { DESIGN_DOC_TEST_CRASH: `${mode}:CRASH-HERE` });
		assert.equal(run.code, 2, mode);
		const reports: JsonReport[] = JSON.parse(run.stdout);
		assert.deepEqual(reports.map((report) => report.file), ['design-docs/01-faster-rendering.md', 'design-docs/02-crash.md', 'design-docs/03-slower-rendering.md']);
		const [crashed] = reports[1]!.diagnostics;
		assert.equal(reports[1]!.diagnostics.length, 1);
		assert.equal(crashed!.code, 'check-failed');
		assert.equal(crashed!.severity, 'error');
		assert.match(crashed!.message, mode === 'throw' ? /injected crash \(CRASH-HERE\)/ : /exited/);
		assert.ok(reports[2]!.diagnostics.some((diagnostic) => diagnostic.code === 'placeholder'), 'the doc after it was checked in a fresh worker');
		assert.match(run.stderr, /^design-doc-lint: 1 doc could not be checked: see the check-failed finding\.\n$/);
	}
	const text = await lint(folder, ['design-docs'], { DESIGN_DOC_TEST_CRASH: 'throw:CRASH-HERE' });
	assert.equal(text.code, 2);
	assert.match(text.stdout, /^design-docs\/02-crash\.md:1:1  error  The checker failed on this doc .*  check-failed$/m);
	assert.match(text.stdout, /\n1 doc could not be checked: see the check-failed finding\.\n$/);
});

test('docs queued behind a doc that crashes the worker are checked in the next worker, however many crash', async () => {
	// One worker, several docs queued in it at once: each crash ends the worker under the docs waiting behind.
	const files: Record<string, string> = {};
	for (let index = 1; index <= 12; index++) {
		const name = `design-docs/${String(index).padStart(2, '0')}-doc-${index}.md`;
		files[name] = index % 3 === 1 ? `${warningsDoc}\nCRASH-HERE\n` : warningsDoc;
	}
	const run = await lint(workspace(files), ['--format', 'json', '--jobs', '1', 'design-docs'], { DESIGN_DOC_TEST_CRASH: 'exit:CRASH-HERE' });
	assert.equal(run.code, 2, run.stderr);
	const reports: JsonReport[] = JSON.parse(run.stdout);
	assert.deepEqual(
		reports.map((report) => [report.file, report.diagnostics.some((diagnostic) => diagnostic.code === 'check-failed')]),
		Object.keys(files).map((name, index) => [name, index % 3 === 0]),
	);
	assert.ok(reports.every((report, index) => index % 3 === 0 || report.diagnostics.some((diagnostic) => diagnostic.code === 'placeholder')));
});

test('special files named on the command line are a usage error; in a folder they are not read', async () => {
	const folder = workspace({ 'design-docs/01-faster-rendering.md': cleanDoc });
	assert.equal(spawnSync('mkfifo', [join(folder, 'design-docs', '02-pipe.md')]).status, 0);
	const cases: [string, RegExp][] = [
		['design-docs/02-pipe.md', /^design-doc-lint: cannot read design-docs\/02-pipe\.md: it is a named pipe \(FIFO\), not a regular file\.\n$/],
		['/dev/zero', /^design-doc-lint: cannot read \/dev\/zero: it is a device, not a regular file\.\n$/],
	];
	for (const [path, message] of cases) {
		const run = await lint(folder, [path]);
		assert.equal(run.code, 2, path);
		assert.equal(run.stdout, '');
		assert.match(run.stderr, message);
	}
	const walked = await lint(folder, ['--format', 'json', 'design-docs']);
	assert.equal(walked.code, 0, walked.stderr);
	assert.deepEqual((JSON.parse(walked.stdout) as JsonReport[]).map((report) => report.file), ['design-docs/01-faster-rendering.md']);
});

test('reading is capped: a huge sparse template is refused, a huge doc is a finding and exit 2', async () => {
	const folder = workspace({ 'design-docs/01-faster-rendering.md': cleanDoc, 'design-docs/02-huge.md': '', 'design-docs/00-template.md': '' });
	for (const name of ['00-template.md', '02-huge.md']) {
		const fd = openSync(join(folder, 'design-docs', name), 'r+');
		ftruncateSync(fd, 3 * 1024 ** 3);
		closeSync(fd);
	}
	const run = await lint(folder, ['--format', 'json', 'design-docs']);
	assert.equal(run.code, 2);
	assert.match(run.stderr, /^design-doc-lint: Cannot use the template .*00-template\.md: .*Using the bundled kpt template instead\.\n/);
	const reports: JsonReport[] = JSON.parse(run.stdout);
	assert.deepEqual(reports[0]!.diagnostics, [], 'checked against the bundled template');
	assert.deepEqual(reports[1]!.diagnostics.map((diagnostic) => diagnostic.code), ['check-failed']);
	assert.match(reports[1]!.diagnostics[0]!.message, /^Could not read this doc: it is \d+ KB or more, over the \d+ KB limit\.$/);
});

test('text output streams: a doc is reported while a later one is still being checked', async () => {
	// The second doc parses for minutes under a budget it never reaches: the
	// first doc's lines must arrive while the CLI is still busy with it.
	const folder = workspace(
		{ 'design-docs/01-slower-rendering.md': warningsDoc, 'design-docs/02-quotes.md': `${header}${'>'.repeat(50_000)}\n` },
		{ validationTimeoutMs: 3_600_000 },
	);
	const child = spawn(process.execPath, [cliScript, '--jobs', '1', 'design-docs'], { cwd: folder });
	let stdout = '';
	let exited = false;
	const exit = new Promise<NodeJS.Signals | null>((resolve) =>
		child.on('exit', (_code, signal) => {
			exited = true;
			resolve(signal);
		}),
	);
	await new Promise<void>((resolve) => {
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			if (stdout.includes('01-slower-rendering.md')) {
				resolve();
			}
		});
	});
	assert.equal(exited, false, 'the first doc came before the run ended');
	assert.doesNotMatch(stdout, /02-quotes/);
	child.kill();
	assert.equal(await exit, 'SIGTERM', 'it was still checking the second doc');
});
