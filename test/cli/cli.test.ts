import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { check, corpus, fixtures, root } from '../helpers';

interface JsonReport {
	file: string;
	diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

function lint(...args: string[]) {
	const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, encoding: 'utf8' });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const corpusArg = relative(root, corpus);
const run = lint('--format', 'json', corpusArg);
const reports: JsonReport[] = JSON.parse(run.stdout);
const byDoc = new Map(reports.map((report) => [report.file.split('/').pop()!, report.diagnostics]));
const at = (doc: string, code: string) => (byDoc.get(doc) ?? []).filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.range.start.line + 1);

test('the corpus: every design doc is reported, the template and SOURCE.md are not, errors exit 1', () => {
	assert.equal(run.code, 1);
	assert.deepEqual([...byDoc.keys()], [
		'01-live-invenstory-to-rg.md',
		'02-oci-support.md',
		'03-pipeline-merge.md',
		'04-arm-build.md',
		'05-kpt-fn-exclude.md',
		'06-config-as-data.md',
		'07-package-orchestration.md',
		'08-package-variant.md',
	]);
});

test('the corpus: findings a reviewer agrees with', () => {
	for (const doc of ['01-live-invenstory-to-rg.md', '04-arm-build.md', '05-kpt-fn-exclude.md']) {
		assert.deepEqual(at(doc, 'placeholder').slice(0, 1), [1], `# Title left in ${doc}`);
	}
	assert.deepEqual(at('02-oci-support.md', 'placeholder'), [4], '\\<kpt-maintainer\\> as approver (### \\<Approach\\> is part of the copied example)');
	assert.match(byDoc.get('02-oci-support.md')![0]!.message, /"<kpt-maintainer>"/);
	assert.deepEqual(at('03-pipeline-merge.md', 'heading-variant'), [37, 610], 'User guide, Open issues');
	assert.deepEqual(at('03-pipeline-merge.md', 'missing-section'), [], 'variants count as their sections');
	assert.deepEqual(at('05-kpt-fn-exclude.md', 'missing-section'), [58]);
	assert.deepEqual(at('06-config-as-data.md', 'missing-section').length, 4);
	assert.deepEqual(at('07-package-orchestration.md', 'missing-section').length, 1);
	assert.deepEqual(at('08-package-variant.md', 'missing-section').length, 3, '## Detailed Design stands for ## Design');
	assert.deepEqual(at('08-package-variant.md', 'heading-variant'), [350]);
	assert.match(byDoc.get('01-live-invenstory-to-rg.md')!.find((diagnostic) => diagnostic.code === 'missing-section')!.message, /"## FAQ" may be it/);
	assert.deepEqual(at('02-oci-support.md', 'unresolved-question'), [455, 460]);
	assert.deepEqual(at('05-kpt-fn-exclude.md', 'unresolved-question'), [155]);
	assert.deepEqual(at('07-package-orchestration.md', 'unresolved-question'), [], 'marked __Not Yet Resolved__');
	assert.deepEqual(at('02-oci-support.md', 'template-text'), [6, 448, 468], 'the copied Alternatives example is one finding');
	assert.deepEqual(at('04-arm-build.md', 'template-text'), [46, 63], 'the approach example from its placeholder heading on');
	assert.deepEqual(at('04-arm-build.md', 'empty-section'), [44], 'only guidance under Open Issues/Questions');
});

test('the corpus: nothing is reported inside fenced code', () => {
	let fenced = 0;
	for (const report of reports) {
		const text = readFileSync(join(root, report.file), 'utf8');
		const fences: [number, number][] = [];
		visit(unified().use(remarkParse).parse(text), 'code', (node) => {
			fences.push([node.position!.start.line - 1, node.position!.end.line - 1]);
		});
		fenced += fences.length;
		for (const diagnostic of report.diagnostics) {
			const line = diagnostic.range.start.line;
			assert.ok(!fences.some(([from, to]) => line >= from && line <= to), `${report.file}:${line + 1} is inside a fence`);
		}
	}
	assert.ok(fenced > 50, 'the corpus has fences (with `# comment` lines) to test against');
});

test('the CLI gives the same codes and positions as the language service', () => {
	for (const report of reports) {
		const text = readFileSync(join(root, report.file), 'utf8');
		const expected = check(text, { relativePath: report.file, force: false }).map(({ code, range, message }) => ({ code, range, message }));
		assert.deepEqual(report.diagnostics.map(({ code, range, message }) => ({ code, range, message })), expected);
	}
});

test('text output: path:line:col  severity  message  code, and a summary', () => {
	const { code, stdout } = lint(join(corpusArg, '04-arm-build.md'));
	assert.equal(code, 0, 'warnings only');
	const lines = stdout.trimEnd().split('\n');
	assert.equal(lines[0], `${corpusArg}/04-arm-build.md:1:3  warning  Title "Title" is the template's placeholder: expected the doc's own title (such as "Arm Build").  placeholder`);
	assert.equal(lines.at(-1), '4 problems in 1 design doc: 0 error(s), 4 warning(s), 0 information, 0 hint(s).');
	assert.doesNotMatch(stdout, /\u001b\[/, 'no colour when not a TTY');
});

test('SARIF 2.1.0: one rule per code, one result per finding, 1-based regions', () => {
	const { stdout } = lint('--format', 'sarif', corpusArg);
	const sarif = JSON.parse(stdout);
	assert.equal(sarif.version, '2.1.0');
	const [runLog] = sarif.runs;
	assert.equal(runLog.tool.driver.name, 'design-doc-lint');
	const ruleIds = runLog.tool.driver.rules.map((rule: { id: string }) => rule.id);
	assert.ok(ruleIds.includes('missing-section') && ruleIds.includes('unresolved-question'));
	assert.equal(runLog.results.length, reports.reduce((sum, report) => sum + report.diagnostics.length, 0));
	const first = runLog.results[0];
	assert.equal(ruleIds[first.ruleIndex], first.ruleId);
	assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 1, startColumn: 3, endLine: 1, endColumn: 8 });
	assert.equal(first.locations[0].physicalLocation.artifactLocation.uri, `${corpusArg}/01-live-invenstory-to-rg.md`);
	assert.ok(runLog.results.every((result: { level: string }) => ['error', 'warning', 'note'].includes(result.level)));
});

test('a clean doc named explicitly exits 0; its JSON lists it with no diagnostics', () => {
	const folder = mkdtempSync(join(tmpdir(), 'ddl-'));
	const file = join(folder, '01-faster-rendering.md');
	writeFileSync(file, readFileSync(join(fixtures, 'rules', 'complete.md')));
	const { code, stdout } = lint('--format', 'json', file);
	assert.equal(code, 0);
	assert.deepEqual(JSON.parse(stdout), [{ file: relative(root, file), diagnostics: [] }]);
});

test('usage and I/O problems exit 2 with one line on stderr', () => {
	const folder = mkdtempSync(join(tmpdir(), 'ddl-'));
	symlinkSync('loop.md', join(folder, 'loop.md'));
	const cases: [string[], RegExp][] = [
		[['does-not-exist.md'], /^design-doc-lint: cannot read does-not-exist\.md: it does not exist\.\n$/],
		[[], /^design-doc-lint: no file or folder given\./],
		[['--format', 'xml', corpusArg], /^design-doc-lint: unknown format "xml": expected text, json or sarif\.\n$/],
		[['--bogus'], /^design-doc-lint: Unknown option '--bogus'/],
		[[join(folder, 'loop.md')], /^design-doc-lint: cannot read .*loop\.md: /],
		[['--template', 'missing.md', corpusArg], /^design-doc-lint: Cannot use the template .*missing\.md: it does not exist\.\n$/],
	];
	for (const [args, message] of cases) {
		const { code, stdout, stderr } = lint(...args);
		assert.equal(code, 2, args.join(' '));
		assert.equal(stdout, '');
		assert.match(stderr, message);
		assert.equal(stderr.trimEnd().split('\n').length, 1);
	}
});

test('--status --format json: the documented shape, the statuses the tree shows', () => {
	const { code, stdout } = lint('--status', '--format', 'json', corpusArg);
	assert.equal(code, 0);
	const report = JSON.parse(stdout);
	assert.deepEqual(Object.keys(report[0]), ['file', 'title', 'status', 'author', 'approver', 'missingSections', 'questions']);
	assert.deepEqual(
		report.map((doc: { file: string; status: string }) => [doc.file.split('/').pop(), doc.status]),
		[
			['01-live-invenstory-to-rg.md', 'draft'],
			['02-oci-support.md', 'draft'],
			['03-pipeline-merge.md', 'ready'],
			['04-arm-build.md', 'draft'],
			['05-kpt-fn-exclude.md', 'draft'],
			['06-config-as-data.md', 'draft'],
			['07-package-orchestration.md', 'draft'],
			['08-package-variant.md', 'draft'],
		],
	);
	assert.deepEqual(report[4], {
		file: `${corpusArg}/05-kpt-fn-exclude.md`,
		title: '05-kpt-fn-exclude.md',
		status: 'draft',
		author: 'Natasha Sarkar, natasha41575',
		approver: 'Sunil Arora, droot',
		missingSections: ['User Guide'],
		questions: [{ title: 'How should kpt functions handle meta resources?', line: 155, state: 'unresolved' }],
	});
	assert.deepEqual(report[6].questions, [{ title: 'Deployment Rollouts & Orchestration', line: 494, state: 'not-yet-resolved' }]);
});

test('--status as text: a table and a count per status', () => {
	const { code, stdout } = lint('--status', corpusArg);
	assert.equal(code, 0);
	const lines = stdout.trimEnd().split('\n');
	assert.match(lines[0]!, /^doc\s+status\s+open questions\s+missing sections\s+also$/);
	assert.match(lines.find((line) => line.includes('05-kpt-fn-exclude.md'))!, /Draft\s+1\s+User Guide\s+1 placeholder left$/);
	assert.match(lines.find((line) => line.includes('03-pipeline-merge.md'))!, /Ready for review\s+0\s+-\s+-$/);
	assert.equal(lines.at(-1), '8 design docs: 7 draft, 0 with open questions, 1 ready for review.');
	assert.equal(lint('--status', '--format', 'sarif', corpusArg).code, 2);
});

test('each folder follows its own 00-template.md; --template overrides for all', () => {
	const { stdout } = lint('--format', 'json', 'test/fixtures/templates');
	const byFile = Object.fromEntries(
		(JSON.parse(stdout) as JsonReport[]).map((report) => [report.file.split('/').pop(), report.diagnostics.map((diagnostic) => diagnostic.code)]),
	);
	assert.deepEqual(byFile, {
		'0003-use-markdown.md': ['section-order', 'heading-variant', 'missing-section'],
		'02-pod-priorities.md': ['placeholder', 'missing-section', 'empty-section', 'template-text'],
		'01-faster-builds.md': ['missing-section', 'heading-variant', 'unresolved-question'],
	});
	const forced = JSON.parse(lint('--format', 'json', '--template', 'test/fixtures/templates/rfc/00-template.md', 'test/fixtures/templates/adr/0003-use-markdown.md').stdout);
	assert.ok(forced[0].diagnostics.some((diagnostic: { message: string }) => diagnostic.message.includes('"## Summary"')));
});

test('.designdocrc.json at the root is read; an invalid one names the file and the key', () => {
	const folder = mkdtempSync(join(tmpdir(), 'ddl-rc-'));
	writeFileSync(join(folder, '01-faster-rendering.md'), readFileSync(join(fixtures, 'rules', 'placeholder.md')));
	const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: folder, encoding: 'utf8' });
	writeFileSync(join(folder, '.designdocrc.json'), JSON.stringify({ severity: { placeholder: 'error', 'template-text': 'off' } }));
	const strict = run('--format', 'json', '.');
	assert.equal(strict.status, 1, 'placeholders are errors now');
	assert.ok(JSON.parse(strict.stdout)[0].diagnostics.every((diagnostic: { severity: string }) => diagnostic.severity === 'error'));
	writeFileSync(join(folder, '.designdocrc.json'), JSON.stringify({ severity: { placeholder: 'loud' }, colour: true }));
	const invalid = run('.');
	assert.equal(invalid.status, 2);
	assert.match(invalid.stderr, /\.designdocrc\.json: unknown key "colour"/);
	assert.match(invalid.stderr, /\.designdocrc\.json: "severity\.placeholder" must be one of error, warning, information, hint, off, not "loud"\./);
	writeFileSync(join(folder, '.designdocrc.json'), '{ not json');
	assert.match(run('.').stderr, /^design-doc-lint: .*\.designdocrc\.json is not valid JSON: /);
});

test('a doc over maxDocumentSizeKb gets the structural check, as in the editor', () => {
	const folder = mkdtempSync(join(tmpdir(), 'ddl-big-'));
	writeFileSync(join(folder, '.designdocrc.json'), JSON.stringify({ maxDocumentSizeKb: 4 }));
	writeFileSync(join(folder, '02-oci-support.md'), readFileSync(join(corpus, '02-oci-support.md')));
	const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
	const [report] = JSON.parse(result.stdout);
	assert.deepEqual(
		report.diagnostics.map((diagnostic: { code: string; message: string }) => diagnostic.code),
		['validation-skipped'],
		'all five sections are there; the rest is not checked',
	);
	assert.match(report.diagnostics[0].message, /^Full validation was skipped: the document is 20 KB, more than the 4 KB set in maxDocumentSizeKb\./);
});
