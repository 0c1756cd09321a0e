import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/service/edits';
import { fixAll } from '../../server/src/service/fixAll';
import { fixesFor } from '../../server/src/service/fixes';
import { checkDocument } from '../../server/src/service/languageService';
import { defaultSettings, normalizeSettings } from '../../server/src/service/settings';
import { likeness, Likeness } from '../../server/src/service/headingMatch';
import { newDocText } from '../../server/src/service/newDoc';
import { looksLikeDesignDoc } from '../../server/src/service/structuralCheck';
import { parseTemplate } from '../../server/src/service/template';
import { check, describe, fixture, kptTemplate, root } from '../helpers';

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

test('metadata in bold or under another bullet counts: its value is checked and the status reads it', () => {
	const text = fixture('reviewer', 'bold-metadata.md').replace('Approver: N/A', 'Approver: Omar Said');
	const status = statusOf(text);
	assert.equal(status.author, 'Priya Raman');
	assert.equal(status.approver, 'Omar Said');
	assert.equal(status.status, 'ready', 'a variant form is not a draft');
	assert.equal(statusOf(fixture('reviewer', 'bold-metadata.md')).status, 'draft');
});

test('fix-all writes metadata in the template form, once', () => {
	const text = fixture('reviewer', 'bold-metadata.md');
	const diagnose = (document: TextDocument) => check(document.getText());
	const context = { template: kptTemplate, editorActions: false };
	const fixed = applyEdits(text, fixAll(TextDocument.create('untitled:Untitled-1', 'markdown', 1, text), diagnose, context));
	assert.match(fixed, /^# Build Cache Eviction\n\n\* Author\(s\): Priya Raman\n\* Approver: N\/A\n\n## Why/);
	assert.deepEqual(fixAll(TextDocument.create('untitled:Untitled-1', 'markdown', 2, fixed), diagnose, context), []);
});

test('metadata lines run together in one paragraph, or on in a list item, are each a line; an intro sentence is not', () => {
	const text = '# Quotas\n\nNote: this replaces the old quota doc.\n\n* Author(s): Lin\n**Approver:** Ana\n\n## Why\n\nBecause.\n';
	const status = statusOf(text);
	assert.equal(status.approver, 'Ana');
	assert.deepEqual(
		check(text)
			.filter((diagnostic) => diagnostic.code === 'metadata-variant' || diagnostic.code === 'missing-metadata')
			.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
		[['metadata-variant', 5]],
	);
});

test("a template's own bullet: other bullets are variants, and new metadata lines are written with it", () => {
	const dashed = parseTemplate('# \\<Title\\>\n\n- Owner: \\<name\\>\n- Status: \\<status\\>\n\n## Summary\n\nOne paragraph.\n', 'dashed');
	const text = '# Retry Budgets\n\n* Owner: Ines\n\n## Summary\n\nRetries share a budget.\n';
	const document = TextDocument.create('untitled:Untitled-1', 'markdown', 1, text);
	const found = check(text, { template: dashed });
	assert.deepEqual(
		found.map((diagnostic) => diagnostic.message),
		['Missing metadata "Status:" in the header: expected a line like "- Status: <status>".', 'Metadata "* Owner:" is not written as the template writes it: expected "- Owner:".'],
	);
	const fixes = found.flatMap((diagnostic) => fixesFor(document, diagnostic, { template: dashed, editorActions: false }));
	assert.equal(applyEdits(text, fixes[0]!.edits), '# Retry Budgets\n\n* Owner: Ines\n- Status: \n\n## Summary\n\nRetries share a budget.\n');
	assert.equal(applyEdits(text, fixes[1]!.edits), '# Retry Budgets\n\n- Owner: Ines\n\n## Summary\n\nRetries share a budget.\n');
	assert.match(newDocText(dashed, 'Retry Budgets'), /^# Retry Budgets\n\n- Owner: \\<name\\>\n- Status: \\<status\\>\n/);
});

test('a header with bold metadata makes a design doc, for the full check and for the structural one alike', () => {
	const templateText = readFileSync(join(root, 'server', 'templates', 'kpt-design-doc-template.md'), 'utf8');
	const text = '# Quotas\n\n**Approver:** Ana\n\n## Background\n\nTeams cannot see what they use.\n';
	const document = TextDocument.create('untitled:Untitled-1', 'markdown', 1, text);
	assert.equal(checkDocument(document, { template: kptTemplate, settings: defaultSettings }).isDesignDoc, true);
	assert.equal(looksLikeDesignDoc(text, templateText, undefined, defaultSettings), true);
	const plain = '# Quotas\n\nNote: Ana approves.\n\n## Background\n\nTeams cannot see what they use.\n';
	assert.equal(checkDocument(TextDocument.create('untitled:Untitled-1', 'markdown', 1, plain), { template: kptTemplate, settings: defaultSettings }).isDesignDoc, false);
	assert.equal(looksLikeDesignDoc(plain, templateText, undefined, defaultSettings), false);
});

test('a metadata value wrapped onto the next line is one value', () => {
	const status = statusOf('# Quotas\n\n* Author(s): Lin Okafor,\n  Ana Reyes\n* Approver: Omar\n\n## Why\n\nBecause.\n');
	assert.equal(status.author, 'Lin Okafor, Ana Reyes');
	assert.equal(status.approver, 'Omar');
});

test('a copied guidance of several paragraphs is one finding, removed in one edit; text of the author\'s own in between splits it', () => {
	const template = parseTemplate(
		[
			'# \\<Title\\>',
			'',
			'* Owner: \\<name\\>',
			'',
			'## Design',
			'',
			'Describe the moving parts and how data flows between them.',
			'',
			'Say which parts are new and which already exist.',
			'',
			'- interfaces that change',
			'- storage that changes',
			'',
			'Point out anything a reviewer should look at twice.',
			'',
		].join('\n'),
		'four paragraphs',
	);
	const guidance = template.sections[0]!.guidance;
	const text = `# Cold Storage\n\n* Owner: Ines\n\n## Design\n\n${guidance}\n\nBlobs older than a year move to tape.\n`;
	const document = TextDocument.create('untitled:Untitled-1', 'markdown', 1, text);
	const found = check(text, { template }).filter((diagnostic) => diagnostic.code === 'template-text');
	assert.deepEqual(
		found.map((diagnostic) => [diagnostic.range.start.line, diagnostic.range.end.line]),
		[[6, 13]],
	);
	const [remove] = fixesFor(document, found[0]!, { template, editorActions: false });
	assert.equal(applyEdits(text, remove!.edits), '# Cold Storage\n\n* Owner: Ines\n\n## Design\n\nBlobs older than a year move to tape.\n');

	const interleaved = text.replace('Say which parts', 'The tape robot is new.\n\nSay which parts');
	assert.deepEqual(
		check(interleaved, { template })
			.filter((diagnostic) => diagnostic.code === 'template-text')
			.map((diagnostic) => [diagnostic.range.start.line, diagnostic.range.end.line]),
		[
			[6, 6],
			[10, 15],
		],
	);
});

test("a copied section example, guidance around the template's placeholder heading, is one finding with its heading", () => {
	const complete = fixture('rules', 'complete.md');
	const approaches = kptTemplate.sections.find((section) => section.role === 'approaches')!;
	const text = complete.replace(/(## Alternatives Considered\n)/, `$1\n${approaches.guidance}\n`);
	const found = check(text).filter((diagnostic) => diagnostic.code === 'template-text' || diagnostic.code === 'placeholder');
	assert.deepEqual(
		found.map((diagnostic) => diagnostic.message),
		['Template guidance from "## Alternatives Considered" left in: expected text of your own instead.'],
	);
	const document = TextDocument.create('untitled:Untitled-1', 'markdown', 1, text);
	assert.equal(applyEdits(text, fixesFor(document, found[0]!, { template: kptTemplate, editorActions: false })[0]!.edits), complete);
});

test('a block after <!-- keep --> in the template is boilerplate to keep, not guidance; the rest still is', () => {
	const template = parseTemplate(
		'# \\<Title\\>\n\n* Owner: \\<name\\>\n\n## Rollout\n\nDescribe how the change reaches users.\n\n<!-- keep -->\nEvery rollout is announced in the releases channel a week ahead.\n',
		'keep',
	);
	assert.equal(template.sections[0]!.guidance, 'Describe how the change reaches users.');
	const doc = '# Tape Tier\n\n* Owner: Ines\n\n## Rollout\n\nEvery rollout is announced in the releases channel a week ahead.\n\nOne region a week.\n';
	assert.deepEqual(check(doc, { template }), []);
	const leftover = doc.replace('One region a week.', 'Describe how the change reaches users.');
	assert.deepEqual(
		check(leftover, { template }).map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
		[['template-text', 8]],
	);
});

test('a template that keeps its guidance in comments: its visible text is boilerplate, its comments are the guidance', () => {
	const template = parseTemplate(fixture('unseen', 'keps', 'NNNN-kep-template', 'README.md'), 'kep');
	assert.deepEqual([...template.guidance.keys()], [], 'a doc that carries the checklist has left no guidance in');
	assert.equal(template.sections.find((section) => section.heading === 'Summary')!.guidance, 'One or two paragraphs a release note could quote: what changes for users.');
	assert.match(template.sections[0]!.guidance, /^The release team reads this list/);
});

test('unseen KEP-style doc laid out as NNNN-name/README.md: a design doc by its path, named by its folder, and only real problems found', () => {
	const template = parseTemplate(fixture('unseen', 'keps', 'NNNN-kep-template', 'README.md'), 'kep');
	const settings = normalizeSettings({ include: ['keps/**/README.md'] });
	const text = fixture('unseen', 'keps', 'sig-storage', '3107-snapshot-expiry', 'README.md');
	const run = (relativePath: string, body = text) =>
		checkDocument(TextDocument.create(`file:///w/${relativePath}`, 'markdown', 1, body), { template, settings, relativePath });
	const result = run('keps/sig-storage/3107-snapshot-expiry/README.md');
	assert.equal(result.isDesignDoc, true);
	assert.deepEqual(result.diagnostics.map(describe), [
		'15:1-15:11 empty-section Section "## Summary" is empty: expected text of its own under the heading.',
		'55:1-55:13 empty-section Optional section "## Drawbacks" is empty: remove it, or write it.',
	]);
	assert.deepEqual(result.status!.problems, ['empty: Summary']);
	assert.deepEqual(
		run('keps/sig-storage/3107-Snapshot_Expiry/README.md').diagnostics.filter((diagnostic) => diagnostic.code === 'file-name').map((diagnostic) => diagnostic.message),
		['Folder name "3107-Snapshot_Expiry" does not follow "NN-lower-case-with-dashes".'],
	);
	assert.equal(run('keps/sig-storage/snapshot-expiry/README.md').diagnostics.filter((diagnostic) => diagnostic.code === 'file-name').length, 1, 'an unnumbered folder is no folder layout');
	assert.equal(run('keps/sig-storage/3107-snapshot-expiry/README.md', text.replace('# KEP-3107: Snapshot Expiry', '# KEP-NNNN: \\<Short Descriptive Title\\>')).status!.title, '3107-snapshot-expiry');
});
