import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { duplicateNumberDiagnostics } from '../../server/src/service/duplicateNumber';
import { defaultSettings } from '../../server/src/service/settings';
import { JsonReport, cleanDoc, lint, workspace } from './lint';

const notADoc = '# Meeting notes\n\nNothing about a design here.\n';
const folder = workspace({
	'design-docs/01-faster-rendering.md': cleanDoc,
	'design-docs/01-slower-rendering.md': cleanDoc,
	'design-docs/01-steady-rendering.md': cleanDoc,
	'design-docs/02-other-rendering.md': cleanDoc,
	'design-docs/team/02-team-rendering.md': cleanDoc,
	'notes/03-meeting.md': notADoc,
	'notes/03-pipeline-merge.md': cleanDoc,
});

const duplicates = (reports: JsonReport[]) =>
	Object.fromEntries(reports.map((report) => [report.file, report.diagnostics.filter((diagnostic) => diagnostic.code === 'duplicate-number')]));

test('docs of one folder that share a number: each is told, with the others as related information, as the server says it', async () => {
	const run = await lint(folder, ['--format', 'json', 'design-docs', 'notes']);
	assert.equal(run.code, 0, run.stderr);
	const found = duplicates(JSON.parse(run.stdout));
	assert.deepEqual(
		Object.entries(found).map(([file, diagnostics]) => [file, diagnostics.length]),
		[
			['design-docs/01-faster-rendering.md', 1],
			['design-docs/01-slower-rendering.md', 1],
			['design-docs/01-steady-rendering.md', 1],
			['design-docs/02-other-rendering.md', 0],
			['design-docs/team/02-team-rendering.md', 0],
			['notes/03-pipeline-merge.md', 0],
		],
		'numbers are per folder, and a file that is not a design doc takes no number',
	);
	// The server's own function, over the same three docs, says exactly this.
	const uriOf = (name: string) => URI.file(join(folder, 'design-docs', name)).toString();
	const docs = ['01-faster-rendering.md', '01-slower-rendering.md', '01-steady-rendering.md'].map((fileName) => ({
		uri: uriOf(fileName),
		folder: join(folder, 'design-docs'),
		fileName,
	}));
	const document = TextDocument.create(docs[1]!.uri, 'markdown', 1, cleanDoc);
	const title = cleanDoc.indexOf('Faster');
	const [expected] = duplicateNumberDiagnostics(document, docs[1]!, docs, { start: title - 2, end: cleanDoc.indexOf('\n') }, defaultSettings);
	const [actual] = found['design-docs/01-slower-rendering.md']!;
	assert.equal(actual!.message, expected!.message);
	assert.deepEqual(actual!.range, expected!.range, 'on the title, as in the editor');
	assert.equal(actual!.severity, 'warning');
	assert.deepEqual(actual!.relatedInformation, expected!.relatedInformation);
	assert.deepEqual(
		actual!.relatedInformation!.map((related) => related.location.uri),
		[uriOf('01-faster-rendering.md'), uriOf('01-steady-rendering.md')],
	);
});

test('duplicate numbers among files named one by one, in any order, as pre-commit passes them', async () => {
	const run = await lint(folder, ['--format', 'json', 'design-docs/01-faster-rendering.md', 'design-docs/02-other-rendering.md', 'design-docs/01-steady-rendering.md']);
	const reports: JsonReport[] = JSON.parse(run.stdout);
	assert.deepEqual(
		reports.map((report) => [report.file, report.diagnostics.map((diagnostic) => diagnostic.code)]),
		[
			['design-docs/01-faster-rendering.md', ['duplicate-number']],
			['design-docs/01-steady-rendering.md', ['duplicate-number']],
			['design-docs/02-other-rendering.md', []],
		],
		'the two 01 docs are reported together, each naming only the other',
	);
	assert.match(reports[0]!.diagnostics[0]!.message, /01-steady-rendering\.md/);
	assert.doesNotMatch(reports[0]!.diagnostics[0]!.message, /01-slower-rendering\.md/, 'only the docs checked count');
});

test('duplicate-number in text and SARIF; its severity follows .designdocrc.json', async () => {
	const text = await lint(folder, ['design-docs']);
	assert.equal(text.stdout.split('\n').filter((line) => line.endsWith('  duplicate-number')).length, 3);
	const sarif = JSON.parse((await lint(folder, ['--format', 'sarif', 'design-docs'])).stdout);
	const result = sarif.runs[0].results.find((candidate: { ruleId: string }) => candidate.ruleId === 'duplicate-number');
	assert.deepEqual(
		result.relatedLocations.map((location: { physicalLocation: { artifactLocation: { uri: string } } }) => location.physicalLocation.artifactLocation.uri),
		['design-docs/01-slower-rendering.md', 'design-docs/01-steady-rendering.md'],
	);
	const strict = workspace({ 'design-docs/01-a.md': cleanDoc, 'design-docs/01-b.md': cleanDoc }, { validationTimeoutMs: 120_000, severity: { 'duplicate-number': 'error' } });
	const failed = await lint(strict, ['design-docs']);
	assert.equal(failed.code, 1);
	assert.equal(failed.stdout.split('\n').filter((line) => line.includes('  error  ') && line.endsWith('duplicate-number')).length, 2);
});
