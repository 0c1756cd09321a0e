import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticCode } from '../../server/src/service/codes';
import { applyEdits } from '../../server/src/service/edits';
import { fixAll } from '../../server/src/service/fixAll';
import { fixesFor } from '../../server/src/service/fixes';
import { newDocText } from '../../server/src/service/newDoc';
import { check, kptTemplate } from '../helpers';

/**
 * Lines ending in spaces or tabs. markdownlint's MD009 skips HTML comments,
 * where the guidance goes, but editors that trim on save and diffs show them.
 */
function trailingSpaces(text: string): string[] {
	return text.split(/\r\n|\r|\n/).filter((line) => /[ \t]$/.test(line));
}

const context = { template: kptTemplate, editorActions: false };
// Every section missing: each Insert section copies the template's guidance, whose lines end in spaces.
const bare = '# Arm Build\n\n* Author(s): Ann\n* Approver: Bob\n';

test('the kpt template wraps its guidance with trailing spaces (what the fixes must not copy)', () => {
	assert.ok(kptTemplate.sections.some((section) => / \n/.test(section.guidance)));
});

test('Insert section writes no trailing spaces', () => {
	const document = TextDocument.create('untitled:Untitled-1', 'markdown', 1, bare);
	const missing = check(bare).filter((diagnostic) => diagnostic.code === DiagnosticCode.MissingSection);
	assert.ok(missing.length >= 5);
	for (const diagnostic of missing) {
		const [fix] = fixesFor(document, diagnostic, context);
		const fixed = applyEdits(bare, fix!.edits);
		assert.deepEqual(trailingSpaces(fixed), [], `${fix!.title}:\n${fixed}`);
	}
	const all = applyEdits(bare, fixAll(document, (changed) => check(changed.getText()), context));
	assert.match(all, /## Alternatives Considered/);
	assert.deepEqual(trailingSpaces(all), [], all);
});

test('New Design Doc writes no trailing spaces', () => {
	assert.deepEqual(trailingSpaces(newDocText(kptTemplate, 'Package Variants')), []);
});
