import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortStatus, spokenStatus } from '../../client/src/statusWords';
import type { DocStatusReport } from '../../server/src/protocol';

const report = (over: Partial<DocStatusReport>): DocStatusReport => ({
	uri: 'file:///w/08-package-variant.md',
	path: '08-package-variant.md',
	title: 'Package Variant Controller',
	status: 'draft',
	author: 'Natasha',
	approver: null,
	sections: [],
	missingSections: [],
	questions: [],
	problems: [],
	description: '',
	...over,
});

const missingThree = report({
	missingSections: ['User Guide', 'Open Issues/Questions', 'Alternatives Considered'],
	problems: ['missing: User Guide, Open Issues/Questions, Alternatives Considered', '1 placeholder left'],
});
const question = (state: 'resolved' | 'unresolved' | 'not-yet-resolved', line: number) => ({ title: `Q${line}`, line, state });

test('the status bar text is short: the status and one count', () => {
	assert.equal(shortStatus(missingThree), 'Draft · 3 missing');
	assert.equal(shortStatus(report({ problems: ['2 placeholders left', 'metadata missing'] })), 'Draft · 2 placeholders left');
	assert.equal(shortStatus(report({ problems: ['not fully checked: the document is 2048 KB, more than the 1024 KB set'] })), 'Draft · not fully checked');
	const open = report({ status: 'open-questions', questions: [question('resolved', 3), question('unresolved', 5), question('not-yet-resolved', 9)] });
	assert.equal(shortStatus(open), 'Open questions · 2');
	assert.equal(shortStatus(report({ status: 'ready' })), 'Ready for review');
});

test('the accessibility label is one plain sentence: no icon names, nothing said twice', () => {
	assert.equal(
		spokenStatus(missingThree),
		'Package Variant Controller is a draft: 3 sections are missing: User Guide, Open Issues/Questions, Alternatives Considered; 1 placeholder left.',
	);
	assert.equal(spokenStatus(report({ missingSections: ['Design'], problems: ['missing: Design'] })), 'Package Variant Controller is a draft: section Design is missing.');
	assert.equal(spokenStatus(report({ status: 'open-questions', questions: [question('unresolved', 5)] })), 'Package Variant Controller has 1 open question.');
	assert.equal(spokenStatus(report({ status: 'ready' })), 'Package Variant Controller is ready for review.');
	for (const sentence of [spokenStatus(missingThree), spokenStatus(report({ status: 'ready' }))]) {
		assert.doesNotMatch(sentence, /\$\(|·/);
	}
});
