import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/service/edits';
import { fixesFor } from '../../server/src/service/fixes';
import { checkDocument } from '../../server/src/service/languageService';
import { defaultSettings } from '../../server/src/service/settings';
import { likeness, Likeness } from '../../server/src/service/headingMatch';
import { parseTemplate } from '../../server/src/service/template';
import { check, fixture, kptTemplate } from '../helpers';

function statusOf(text: string, template = kptTemplate) {
	const document = TextDocument.create('file:///design-docs/09-doc.md', 'markdown', 1, text);
	return checkDocument(document, { template, settings: defaultSettings, relativePath: 'design-docs/09-doc.md', force: true }).status!;
}

test('headings are matched by stems, containment and common synonyms', () => {
	assert.equal(likeness('Testing Plan', 'Test Plan'), Likeness.Stems);
	assert.equal(likeness('Detailed Design', 'Design'), Likeness.Containment);
	assert.equal(likeness('Testing', 'Test Plan'), Likeness.Synonym);
	assert.equal(likeness('How to use', 'User Guide'), Likeness.Synonym);
	assert.equal(likeness('Motivation', 'Why'), Likeness.Synonym);
	assert.equal(likeness('Open issues', 'Open Issues/Questions'), Likeness.ShortForm);
	assert.equal(likeness('Implementation Details', 'Design Overview'), Likeness.None, 'only the position can say');
	assert.equal(likeness('Future Considerations', 'Alternatives Considered'), Likeness.None, 'one shared word is not a match');
	assert.equal(likeness('Goals', 'Non-Goals'), Likeness.None);
});

test('an exact heading keeps its section from a synonym elsewhere in the doc', () => {
	const text = fixture('rules', 'complete.md').replace('## Why', '## Motivation\n\nMore.\n\n## Why');
	assert.ok(!check(text).some((diagnostic) => diagnostic.code === 'heading-variant'));
});

test('a positional candidate: related information names it, the rename is offered before the insert, neither is fix-all', () => {
	const text = fixture('reviewer', 'faq-questions.md');
	const document = TextDocument.create('file:///design-docs/09-doc.md', 'markdown', 1, text);
	const [missing] = check(text).filter((diagnostic) => diagnostic.code === 'missing-section');
	assert.deepEqual(missing!.relatedInformation, [
		{
			location: { uri: 'untitled:Untitled-1', range: { start: { line: 17, character: 0 }, end: { line: 17, character: 6 } } },
			message: '"## FAQ" may be the missing "## Open Issues/Questions"',
		},
	]);
	const fixes = fixesFor(document, missing!, { template: kptTemplate, editorActions: false });
	assert.deepEqual(
		fixes.map((fix) => [fix.title, fix.preferred]),
		[
			['Rename "## FAQ" to "## Open Issues/Questions"', false],
			['Insert section "## Open Issues/Questions"', false],
		],
	);
	assert.match(applyEdits(text, fixes[0]!.edits), /^## Open Issues\/Questions\n\n### Does this cost more nodes\?/m);
});

test('a section present under another name is never inserted again', () => {
	for (const name of ['renamed-sections.md', 'faq-in-place.md']) {
		const text = fixture('reviewer', name);
		const document = TextDocument.create('file:///design-docs/09-doc.md', 'markdown', 1, text);
		for (const diagnostic of check(text)) {
			for (const fix of fixesFor(document, diagnostic, { template: kptTemplate, editorActions: false }).filter((fix) => fix.preferred)) {
				assert.doesNotMatch(fix.title, /^Insert section/, `${name}: ${fix.title}`);
			}
		}
	}
});

test('an approver that names nobody is a placeholder and keeps the doc in Draft', () => {
	for (const value of ['TBD', 'TODO', 'N/A', '?', 'none', '-']) {
		const status = statusOf(fixture('reviewer', 'nobody-approves.md').replace('Approver: TBD', `Approver: ${value}`));
		assert.equal(status.status, 'draft', value);
		assert.equal(status.approver, null, value);
		assert.deepEqual(status.problems, ['1 placeholder left'], value);
	}
	assert.equal(statusOf(fixture('reviewer', 'nobody-approves.md').replace('Approver: TBD', 'Approver: Tess Bd')).status, 'ready');
});

test('empty required sections keep a doc in Draft; anchors, comments and a bare TBD are empty', () => {
	const status = statusOf(fixture('reviewer', 'hollow-sections.md'));
	assert.equal(status.status, 'draft');
	assert.deepEqual(status.problems, ['empty: Why, Design, User Guide']);
});

test('an optional section left empty: remove it, or write it; the removal is offered but not forced', () => {
	const kep = parseTemplate(fixture('templates', 'kep', '00-template.md'), 'kep');
	const text = [
		'# KEP-0007: Node Drain Budgets',
		'',
		'* Owning SIG: sig-node',
		'* Reviewers: Ana',
		'',
		'## Summary',
		'',
		'Drains respect a budget.',
		'',
		'## Motivation',
		'',
		'Drains take whole racks down.',
		'',
		'## Proposal',
		'',
		'A budget per node pool.',
		'',
		'## Risks and Mitigations',
		'',
		'<!-- none yet -->',
		'',
		'## Graduation Criteria',
		'',
		'Beta after two releases.',
		'',
		'## Alternatives',
		'',
		'### Manual drains',
		'',
		'Slow.',
		'',
	].join('\n');
	const document = TextDocument.create('file:///keps/0007-node-drain-budgets/README.md', 'markdown', 1, text);
	const [empty, ...rest] = check(text, { template: kep }).filter((diagnostic) => diagnostic.code === 'empty-section');
	assert.deepEqual(rest, []);
	assert.equal(empty!.message, 'Optional section "## Risks and Mitigations" is empty: remove it, or write it.');
	const [remove] = fixesFor(document, empty!, { template: kep, editorActions: false });
	assert.equal(remove!.title, 'Remove the empty section "## Risks and Mitigations"');
	assert.equal(remove!.preferred, false);
	assert.doesNotMatch(applyEdits(text, remove!.edits), /Risks|none yet/);
	assert.notEqual(statusOf(text, kep).status, 'draft');
});
