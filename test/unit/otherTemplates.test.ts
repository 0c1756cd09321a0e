import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completions } from '../../server/src/service/completion';
import { applyEdits } from '../../server/src/service/edits';
import { fixAll } from '../../server/src/service/fixAll';
import { checkDocument } from '../../server/src/service/languageService';
import { normalizeSettings } from '../../server/src/service/settings';
import { parseTemplate } from '../../server/src/service/template';
import { fixtures } from '../helpers';

/** An RFC, a KEP with optional sections and an ADR (MADR): three shapes of template that are not kpt's. */
const shapes = ['rfc', 'kep', 'adr'] as const;
const templateOf = (shape: string) => parseTemplate(readFileSync(join(fixtures, 'templates', shape, '00-template.md'), 'utf8'), shape);
const kptHeadings = ['Why', 'Design', 'User Guide', 'Open Issues/Questions', 'Alternatives Considered'];

function run(shape: string, name: string, text?: string, settings = normalizeSettings({})) {
	const source = text ?? readFileSync(join(fixtures, 'templates', shape, name), 'utf8');
	const document = TextDocument.create(`file:///${shape}/${name}`, 'markdown', 1, source);
	const template = templateOf(shape);
	const options = { template, settings, relativePath: `${shape}/${name}` };
	return { document, template, options, result: checkDocument(document, options) };
}

test('each template becomes its own model: metadata keys, sections, optional ones, questions', () => {
	const rfc = templateOf('rfc');
	assert.deepEqual(rfc.metadata.map((key) => key.label), ['Status', 'Owner']);
	assert.deepEqual(rfc.sections.map((section) => section.heading), ['Summary', 'Motivation', 'Detailed Design', 'Drawbacks', 'Unresolved Questions']);
	assert.deepEqual(rfc.questions, { resolutionKeyword: 'Outcome', notYetResolved: 'Open' });
	const kep = templateOf('kep');
	assert.deepEqual(kep.sections.map((section) => [section.heading, section.optional, section.role ?? '']), [
		['Summary', false, ''],
		['Motivation', false, ''],
		['Proposal', false, ''],
		['Risks and Mitigations', true, ''],
		['Graduation Criteria', true, ''],
		['Alternatives', false, 'approaches'],
	]);
	assert.equal(kep.questions, undefined, 'no questions in the template, no question rules');
	const adr = templateOf('adr');
	assert.deepEqual(adr.metadata.map((key) => key.label), ['Status', 'Deciders', 'Date']);
	assert.equal(adr.title, '<Short title of solved problem and solution>');
});

test('findings follow each template, and none of kpt\'s sections is demanded', () => {
	const found = Object.fromEntries(
		shapes.map((shape) => {
			const name = { rfc: '01-faster-builds.md', kep: '02-pod-priorities.md', adr: '0003-use-markdown.md' }[shape];
			return [shape, run(shape, name).result.diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.message}`)];
		}),
	);
	assert.deepEqual(found, {
		rfc: [
			'14 missing-section Missing section "## Drawbacks": expected after "## Detailed design".',
			'14 heading-variant Heading "## Detailed design" is a variant of the template\'s "## Detailed Design": expected "## Detailed Design".',
			'20 unresolved-question Question "Where does the cache live?" has no resolution: expected "Outcome: …" or "__Open__" under it.',
		],
		kep: [
			'4 placeholder Placeholder "<reviewers>" left in "Reviewers": expected a real value.',
			'6 missing-section Missing section "## Motivation": expected after "## Summary".',
			'14 empty-section Section "## Alternatives" is empty: expected text of its own under the heading.',
			'16 template-text Template guidance from "## Alternatives" left in: expected text of your own instead.',
		],
		adr: [
			'7 section-order Section "## Decision Outcome" is out of template order: expected after "## Context and Problem Statement".',
			'7 heading-variant Heading "## Decision outcome" is a variant of the template\'s "## Decision Outcome": expected "## Decision Outcome".',
			'11 missing-section Missing section "## Considered Options": expected after "## Context and Problem Statement".',
		],
	});
	for (const lines of Object.values(found)) {
		assert.ok(!lines.some((line) => kptHeadings.some((heading) => line.includes(`## ${heading}"`))));
	}
});

test('fix-all follows each template: sections in its order, its own resolution marker', () => {
	const { document, options } = run('rfc', '01-faster-builds.md');
	const diagnose = (changed: TextDocument) => checkDocument(changed, options).diagnostics;
	const fixed = applyEdits(document.getText(), fixAll(document, diagnose, { template: options.template, editorActions: false }));
	assert.deepEqual(
		fixed.split('\n').filter((line) => line.startsWith('## ')),
		['## Summary', '## Motivation', '## Detailed Design', '## Drawbacks', '## Unresolved Questions'],
	);
	assert.match(fixed, /### Where does the cache live\?\n\nOutcome: __Open__\n/);
	const adr = run('adr', '0003-use-markdown.md');
	const adrFixed = applyEdits(
		adr.document.getText(),
		fixAll(adr.document, (changed) => checkDocument(changed, adr.options).diagnostics, { template: adr.options.template, editorActions: false }),
	);
	assert.deepEqual(
		adrFixed.split('\n').filter((line) => line.startsWith('## ')),
		['## Context and Problem Statement', '## Considered Options', '## Decision Outcome'],
	);
});

test('completions and status follow each template', () => {
	const { document, result } = run('kep', '02-pod-priorities.md', '# KEP-0002: X\n\n* Owning SIG: s\n\n## Summary\n\nS.\n\n## \n');
	const offered = completions(document, result.outline, { line: 8, character: 3 }).map((item) => item.label);
	assert.deepEqual(offered, ['## Motivation', '## Proposal', '## Risks and Mitigations', '## Graduation Criteria', '## Alternatives']);
	const metadata = completions(document, result.outline, { line: 3, character: 0 }).map((item) => item.label);
	assert.deepEqual(metadata, ['Reviewers:']);
	const rfc = run('rfc', '01-faster-builds.md').result.status!;
	assert.deepEqual([rfc.status, rfc.author, rfc.missingSections], ['draft', 'Ada Lovelace', ['Drawbacks']]);
	assert.deepEqual(rfc.questions.map((question) => question.state), ['unresolved', 'not-yet-resolved']);
});

test('heading synonyms from the settings count as the section, without a variant warning', () => {
	const settings = normalizeSettings({ headingSynonyms: { '## Detailed Design': ['## Detailed design', 'Design'] } });
	const codes = run('rfc', '01-faster-builds.md', undefined, settings).result.diagnostics.map((diagnostic) => diagnostic.code);
	assert.ok(!codes.includes('heading-variant'));
	assert.ok(codes.includes('missing-section'), 'Drawbacks is still missing');
});
