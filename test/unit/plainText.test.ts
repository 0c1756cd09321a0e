import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixesFor } from '../../server/src/service/fixes';
import { check, corpus, fixture, fixtures, kptTemplate } from '../helpers';

// Editors show messages and action titles verbatim: a backtick shows as a
// backtick, `\<name\>` shows its backslashes.
const markup = /`|\\[!-/:-@[-`{-~]/;

test('messages and fix titles are plain text: no backticks, no Markdown escapes', () => {
	const docs = [
		...readdirSync(join(fixtures, 'rules')).map((name) => fixture('rules', name)),
		...readdirSync(corpus)
			.filter((name) => name.endsWith('.md'))
			.map((name) => fixture('kpt-design-docs', name)),
	];
	let titles = 0;
	for (const text of docs) {
		const document = TextDocument.create('file:///design-docs/9_Bad%20Name.md', 'markdown', 1, text);
		for (const diagnostic of check(text, { relativePath: 'design-docs/9_Bad Name.md' })) {
			assert.doesNotMatch(diagnostic.message, markup, diagnostic.message);
			for (const fix of fixesFor(document, diagnostic, { template: kptTemplate, editorActions: true })) {
				assert.doesNotMatch(fix.title, markup, fix.title);
				titles++;
			}
		}
	}
	assert.ok(titles > 20, 'the docs exercise the fixes');
});

test('a placeholder is quoted as a reader sees it', () => {
	const messages = check('# Doc\n\n* Author(s): Ada\n* Approver: \\<kpt-maintainer\\>\n').map((diagnostic) => diagnostic.message);
	assert.ok(messages.includes('Placeholder "<kpt-maintainer>" left in "Approver": expected a real value.'), messages.join('\n'));
});
