import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../../server/src/service/languageService';
import { titleProblem } from '../../server/src/service/names';
import { newDocFileName, newDocText } from '../../server/src/service/newDoc';
import { defaultSettings } from '../../server/src/service/settings';
import { describeStatus } from '../../server/src/service/describeStatus';
import { structuralCheck } from '../../server/src/service/structuralCheck';
import { check, corpus, fixture, kptTemplate, root } from '../helpers';

function statusOf(text: string, fileName = '09-faster-rendering.md') {
	const document = TextDocument.create(`file:///design-docs/${fileName}`, 'markdown', 1, text);
	return checkDocument(document, { template: kptTemplate, settings: defaultSettings, relativePath: `design-docs/${fileName}`, force: true }).status!;
}

test('ready: complete, every question resolved, author and approver named', () => {
	const complete = fixture('rules', 'complete.md');
	const status = statusOf(complete.replace('__Not Yet Resolved__', 'Resolution: per user.'));
	assert.equal(status.status, 'ready');
	assert.equal(describeStatus(status), '2 questions resolved');
	assert.equal(status.author, 'Ada Lovelace, @ada');
	assert.equal(status.approver, 'Grace Hopper');
	assert.deepEqual(status.missingSections, []);
	assert.deepEqual(status.sections.map((section) => [section.heading, section.present, section.line]), [
		['Why', true, 5],
		['Design', true, 10],
		['User Guide', true, 19],
		['Open Issues/Questions', true, 23],
		['Alternatives Considered', true, 33],
	]);
});

test('open questions: complete, but a question is Not Yet Resolved or unresolved', () => {
	const status = statusOf(fixture('rules', 'complete.md'));
	assert.equal(status.status, 'open-questions');
	assert.equal(describeStatus(status), '1 open question');
	assert.deepEqual(status.questions, [
		{ title: 'Where does the cache live?', line: 25, state: 'resolved' },
		{ title: 'Should the cache be shared across users?', line: 29, state: 'not-yet-resolved' },
	]);
	assert.equal(statusOf(fixture('rules', 'unresolved-question.md')).status, 'open-questions');
});

test('draft: a section missing, a placeholder or template text left, metadata missing', () => {
	const missing = statusOf(fixture('rules', 'missing-section.md'));
	assert.equal(missing.status, 'draft');
	assert.deepEqual(missing.missingSections, ['Design', 'User Guide', 'Alternatives Considered']);
	assert.deepEqual(
		missing.sections.map((section) => [section.heading, section.present, section.line]),
		[
			['Why', true, 5],
			['Design', false, 9],
			['User Guide', false, 9],
			['Open Issues/Questions', true, 9],
			['Alternatives Considered', false, 20],
		],
		'a missing section is on the line where Insert section puts it',
	);
	assert.equal(describeStatus(missing), 'missing: Design, User Guide, Alternatives Considered');
	const placeholders = statusOf(fixture('rules', 'placeholder.md'), '04-arm-build.md');
	assert.equal(describeStatus(placeholders), '5 placeholders left');
	assert.equal(placeholders.title, '04-arm-build.md', 'a placeholder title gives way to the file name');
	assert.equal(placeholders.approver, null);
	assert.equal(describeStatus(statusOf(fixture('rules', 'template-text.md'))), 'template guidance left');
	assert.equal(describeStatus(statusOf(fixture('rules', 'missing-metadata.md'))), 'metadata missing');
});

test('the kpt corpus: the statuses a careful reviewer gives', () => {
	const statuses = Object.fromEntries(
		readdirSync(corpus)
			.filter((name) => /^0[1-8]/.test(name))
			.map((name) => [name.slice(0, 2), statusOf(fixture('kpt-design-docs', name), name)]),
	);
	assert.deepEqual(
		Object.fromEntries(Object.entries(statuses).map(([number, status]) => [number, [status.status, describeStatus(status)]])),
		{
			'01': ['draft', 'missing: Open Issues/Questions · 1 placeholder left'],
			'02': ['draft', 'empty: Alternatives Considered · 1 placeholder left · template guidance left'],
			'03': ['ready', 'complete'],
			'04': ['draft', 'empty: Open Issues/Questions · 1 placeholder left · template guidance left'],
			'05': ['draft', 'missing: User Guide · 1 placeholder left'],
			'06': ['draft', 'missing: Design, User Guide, Open Issues/Questions, Alternatives Considered'],
			'07': ['draft', 'missing: Design'],
			'08': ['draft', 'missing: User Guide, Open Issues/Questions, Alternatives Considered'],
		},
	);
	assert.equal(statuses['02']!.approver, null, '\\<kpt-maintainer\\> is no approver');
	assert.deepEqual(statuses['07']!.questions, [{ title: 'Deployment Rollouts & Orchestration', line: 493, state: 'not-yet-resolved' }]);
	assert.equal(statuses['01']!.title, '01-live-invenstory-to-rg.md');
});

test('New Design Doc: the next free number and a lower-case-with-dashes name', () => {
	const existing = ['00-template.md', '01-a.md', '07-b.md', 'README.md', '03-c.md'];
	assert.deepEqual(newDocFileName('Package Variants!', existing), { fileName: '08-package-variants.md' });
	assert.deepEqual(newDocFileName('  Über Café  ', []), { fileName: '01-uber-cafe.md' });
	assert.deepEqual(newDocFileName('x', Array.from({ length: 120 }, (_, n) => `${String(n).padStart(2, '0')}-d.md`)), { fileName: '120-x.md' });
	assert.match(titleProblem('')!, /^The title is empty/);
	assert.match(titleProblem('?!')!, /has no letters or digits/);
	assert.deepEqual(newDocFileName('---', []), { error: titleProblem('---') });
});

test('New Design Doc fills the template with the title set, the guidance as comments, without the advice after it', () => {
	const text = newDocText(kptTemplate, 'Package Variants');
	assert.match(text, /^# Package Variants\n\n\* Author\(s\): \\<your name\\>, \\<your github alias\\>\n\* Approver: \\<kpt-maintainer\\>\n\n## Why\n\n<!--\nPlease provide a reason/);
	assert.match(text, /## Alternatives Considered\n\n<!--\n[\s\S]*design\.\n-->\n$/);
	assert.doesNotMatch(text, /Review Process/);
	const status = statusOf(text);
	assert.equal(status.status, 'draft');
	assert.equal(status.title, 'Package Variants');
	const codes = new Set(check(text).map((diagnostic) => diagnostic.code));
	assert.deepEqual([...codes].sort(), ['empty-section', 'placeholder'], 'what is left to write, and no template text');
});

test('a doc whose title is the placeholder is named by its file name, also when only its structure was checked', () => {
	const text = fixture('rules', 'placeholder.md');
	assert.match(text, /^# Title$/m);
	const template = readFileSync(join(root, 'server', 'templates', 'kpt-design-doc-template.md'), 'utf8');
	const skipped = structuralCheck(TextDocument.create('file:///d/04-arm-build.md', 'markdown', 1, text), template, defaultSettings, 'too slow', '04-arm-build.md');
	assert.equal(skipped.status.title, '04-arm-build.md');
	const titled = structuralCheck(TextDocument.create('file:///d/04-arm-build.md', 'markdown', 1, text.replace('# Title', '# Arm Build')), template, defaultSettings, 'too slow', '04-arm-build.md');
	assert.equal(titled.status.title, 'Arm Build');
});
