import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/service/edits';
import { fixAll } from '../../server/src/service/fixAll';
import { fixesFor } from '../../server/src/service/fixes';
import { check, fixture, kptTemplate } from '../helpers';

const context = { template: kptTemplate, editorActions: false };
const codes = (text: string) => check(text).map((diagnostic) => diagnostic.code);
const complete = fixture('rules', 'complete.md');

test('an empty doc, or one of only \\r: every section and metadata line missing, nothing else', () => {
	for (const text of ['', '\r', '\r\n\r\n']) {
		assert.deepEqual([...new Set(codes(text))], ['missing-section', 'missing-metadata'], JSON.stringify(text));
	}
});

test('a required heading twice: the first counts, the second is just another section', () => {
	const text = complete.replace('## Design', '## Why\n\nAgain.\n\n## Design');
	assert.deepEqual(codes(complete), [], 'the doc is complete to begin with');
	assert.deepEqual(codes(text), [], 'no missing section, no order problem, no crash');
});

test('a required heading only inside a fence or a comment is missing', () => {
	const hidden = complete.replace('## User Guide', '```\n## User Guide\n```').replace('## Alternatives Considered', '<!--\n## Alternatives Considered\n-->');
	assert.deepEqual(
		check(hidden).filter((diagnostic) => diagnostic.code === 'missing-section').map((diagnostic) => diagnostic.message),
		['Missing section "## User Guide": expected after "## Design".', 'Missing section "## Alternatives Considered": expected after "## Open Issues/Questions".'],
	);
});

test('a question already marked Not Yet Resolved is not reported, so no second marker is offered', () => {
	const text = complete;
	const document = TextDocument.create('untitled:x', 'markdown', 1, text);
	const offered = check(text).flatMap((diagnostic) => fixesFor(document, diagnostic, context)).map((fix) => fix.title);
	assert.ok(!offered.includes('Mark as Not Yet Resolved'));
});

test('no final newline and tabs: fixes still end lines properly and keep the tabs', () => {
	const text = '# Faster\n\n* Author(s):\tAda\n* Approver:\tGrace\n\n## Why\n\n\tIndented? No: a tab makes code.\n\n## Open Issues/Questions\n\n### Where?';
	const document = TextDocument.create('file:///design-docs/09-faster.md', 'markdown', 1, text);
	const diagnose = (changed: TextDocument) => check(changed.getText(), { relativePath: 'design-docs/09-faster.md' });
	const fixed = applyEdits(text, fixAll(document, diagnose, context));
	assert.match(fixed, /### Where\?\n\nResolution: __Not Yet Resolved__\n/);
	assert.match(fixed, /\* Author\(s\):\tAda\n\* Approver:\tGrace\n/);
	assert.ok(fixed.endsWith('\n'));
	assert.deepEqual(fixAll(TextDocument.create(document.uri, 'markdown', 2, fixed), diagnose, context), []);
});
