import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../helpers';
import { JsonReport, cleanDoc, lint, warningsDoc, workspace } from './lint';

const missingSection = cleanDoc.replace(/## User Guide[\s\S]*?(?=## Open Issues)/, '');
const docs = workspace({
	'design-docs/01-faster-rendering.md': cleanDoc,
	'design-docs/02-slower-rendering.md': warningsDoc,
	'design-docs/03-no-guide.md': missingSection,
});

test('warnings pass by default; --max-warnings N fails when there are more than N, with the count in the summary', async () => {
	const warningsOnly = ['design-docs/01-faster-rendering.md', 'design-docs/02-slower-rendering.md'];
	const plain = await lint(docs, warningsOnly);
	assert.equal(plain.code, 0, plain.stderr);
	const warnings = Number(/(\d+) warning\(s\)/.exec(plain.stdout)![1]);
	assert.ok(warnings > 1);

	const over = await lint(docs, ['--max-warnings', String(warnings - 1), ...warningsOnly]);
	assert.equal(over.code, 1);
	assert.match(over.stdout, new RegExp(`Too many warnings: ${warnings}, more than the ${warnings - 1} allowed by --max-warnings\\.\\n$`));

	const within = await lint(docs, ['--max-warnings', String(warnings), ...warningsOnly]);
	assert.equal(within.code, 0);
	assert.doesNotMatch(within.stdout, /Too many warnings/);

	const json = await lint(docs, ['--max-warnings', '0', '--format', 'json', ...warningsOnly]);
	assert.equal(json.code, 1);
	assert.doesNotThrow(() => JSON.parse(json.stdout), 'the JSON stays JSON');
	assert.match(json.stderr, /^design-doc-lint: Too many warnings: \d+, more than the 0 allowed by --max-warnings\.\n$/);

	for (const value of ['-1', 'many', '1.5']) {
		const bad = await lint(docs, [`--max-warnings=${value}`, 'design-docs']);
		assert.equal(bad.code, 2, value);
		assert.match(bad.stderr, /^design-doc-lint: --max-warnings takes a whole number, not "[^"]+"\.\n$/);
	}
});

test('--quiet reports errors only, and --max-warnings still counts the warnings it hides', async () => {
	const all = await lint(docs, ['--format', 'json', 'design-docs']);
	const quiet = await lint(docs, ['--quiet', '--format', 'json', 'design-docs']);
	assert.equal(all.code, 1);
	assert.equal(quiet.code, 1, 'errors still fail');
	const severities = (run: { stdout: string }) => new Set((JSON.parse(run.stdout) as JsonReport[]).flatMap((report) => report.diagnostics.map((d) => d.severity)));
	assert.deepEqual(severities(all), new Set(['error', 'warning']));
	assert.deepEqual(severities(quiet), new Set(['error']));
	assert.equal((JSON.parse(quiet.stdout) as JsonReport[]).length, 3, 'every doc is still listed');

	const text = await lint(docs, ['-q', 'design-docs']);
	assert.doesNotMatch(text.stdout, /  warning  /);
	assert.match(text.stdout, /  error  /);

	const strict = await lint(docs, ['--quiet', '--max-warnings', '0', 'design-docs/02-slower-rendering.md']);
	assert.equal(strict.code, 1);
	assert.match(strict.stdout, /^No problems in 1 design doc\.\nToo many warnings: \d+, more than the 0 allowed by --max-warnings\.\n$/);
});

test('--version prints the version of package.json', async () => {
	const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	for (const flag of ['--version', '-v']) {
		const run = await lint(docs, [flag]);
		assert.equal(run.code, 0);
		assert.equal(run.stdout, `${version}\n`);
	}
});

test('--color forces colours, --no-color and NO_COLOR turn them off, both at once is a usage error', async () => {
	const file = ['design-docs/02-slower-rendering.md'];
	assert.match((await lint(docs, ['--color', ...file])).stdout, /\u001b\[33mwarning\u001b\[0m/);
	assert.doesNotMatch((await lint(docs, ['--no-color', ...file])).stdout, /\u001b\[/);
	assert.doesNotMatch((await lint(docs, file, { NO_COLOR: '1' })).stdout, /\u001b\[/, 'not a terminal, and NO_COLOR');
	const both = await lint(docs, ['--color', '--no-color', ...file]);
	assert.equal(both.code, 2);
	assert.equal(both.stderr, 'design-doc-lint: --color and --no-color contradict each other: give one.\n');
});

test('--output-file writes the report to the file, nothing to standard output; an unwritable one is a usage error', async () => {
	const run = await lint(docs, ['--format', 'sarif', '--output-file', 'report.sarif', 'design-docs']);
	assert.equal(run.code, 1);
	assert.equal(run.stdout, '');
	const sarif = JSON.parse(readFileSync(join(docs, 'report.sarif'), 'utf8'));
	assert.equal(sarif.version, '2.1.0');
	assert.ok(sarif.runs[0].results.length > 0);

	const text = await lint(docs, ['-o', 'report.txt', 'design-docs/02-slower-rendering.md']);
	assert.equal(text.code, 0);
	assert.match(readFileSync(join(docs, 'report.txt'), 'utf8'), /problems in 1 design doc:/);

	const unwritable = await lint(docs, ['--output-file', 'no-such-folder/report.txt', 'design-docs']);
	assert.equal(unwritable.code, 2);
	assert.equal(unwritable.stdout, '');
	assert.match(unwritable.stderr, /^design-doc-lint: cannot write no-such-folder\/report\.txt: it does not exist\.\n$/);
});

test('a path with no design doc is an error naming it, unless --no-error-on-unmatched', async () => {
	const folder = workspace({ 'design-docs/01-faster-rendering.md': cleanDoc, 'notes/README.md': '# Notes\n\nNot a design doc.\n', 'empty/.keep': '' });
	const cases: [string[], number, RegExp][] = [
		[['design-docs', 'notes'], 2, /^design-doc-lint: no design docs in notes\.\n$/],
		[['design-docs', 'empty'], 2, /^design-doc-lint: no Markdown files in empty\.\n$/],
		[['design-docs', 'missing'], 2, /^design-doc-lint: cannot read missing: it does not exist\.\n$/],
		[['--no-error-on-unmatched', 'design-docs', 'notes', 'empty', 'missing'], 0, /^$/],
		[['--no-error-on-unmatched', 'empty'], 0, /^$/],
	];
	for (const [args, code, stderr] of cases) {
		const run = await lint(folder, args);
		assert.equal(run.code, code, args.join(' '));
		assert.match(run.stderr, stderr, args.join(' '));
	}
	const none = await lint(folder, ['notes']);
	assert.match(none.stdout, /^No problems in 0 design docs\.\n$/, 'the report is still written');
});

test('a file named explicitly that is not Markdown is refused', async () => {
	const folder = workspace({ 'design-docs/01-faster-rendering.txt': cleanDoc });
	const run = await lint(folder, ['design-docs/01-faster-rendering.txt']);
	assert.equal(run.code, 2);
	assert.equal(run.stdout, '');
	assert.equal(run.stderr, 'design-doc-lint: design-docs/01-faster-rendering.txt is not a Markdown file (.md): design docs are Markdown.\n');
});

test('--jobs N: the same report on one lane as on many; N must be at least 1', async () => {
	const many = await lint(docs, ['--jobs', '3', '--format', 'json', 'design-docs']);
	const one = await lint(docs, ['-j', '1', '--format', 'json', 'design-docs']);
	assert.equal(one.stdout, many.stdout);
	assert.deepEqual((JSON.parse(one.stdout) as JsonReport[]).map((report) => report.file), [
		'design-docs/01-faster-rendering.md',
		'design-docs/02-slower-rendering.md',
		'design-docs/03-no-guide.md',
	]);
	const zero = await lint(docs, ['--jobs', '0', 'design-docs']);
	assert.equal(zero.code, 2);
	assert.equal(zero.stderr, 'design-doc-lint: --jobs takes a whole number of at least 1, not "0".\n');
});

test('the usage line names every option --help lists', async () => {
	const help = await lint(docs, ['--help']);
	assert.equal(help.code, 0);
	const options = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)(?:, (--[\w-]+))?/gm)].flatMap((match) => match.slice(1).filter(Boolean));
	assert.ok(options.length >= 12, options.join(' '));
	const usage = await lint(docs, ['--bogus']);
	assert.equal(usage.code, 2);
	assert.equal(usage.stderr.trimEnd().split('\n').length, 1);
	for (const option of options) {
		assert.ok(usage.stderr.includes(option), `${option} is in the usage line`);
	}
});

test('--status exits 0 with findings, and still 2 for a path with no design doc', async () => {
	assert.equal((await lint(docs, ['--status', 'design-docs'])).code, 0);
	const folder = workspace({ 'notes/README.md': '# Notes\n' });
	const run = await lint(folder, ['--status', '--format', 'json', 'notes']);
	assert.equal(run.code, 2);
	assert.deepEqual(JSON.parse(run.stdout), []);
});
