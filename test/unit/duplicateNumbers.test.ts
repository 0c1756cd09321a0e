import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DuplicateNumbers } from '../../server/src/duplicateNumbers';
import { normalizeSettings } from '../../server/src/service/settings';
import { codeDocs } from '../helpers';

const uri = 'file:///ws/docs/03-faster.md';
const folder = 'file:///ws/docs';
const workspace = [
	{ uri, folder, fileName: '03-faster.md' },
	{ uri: 'file:///ws/docs/03-slower.md', folder, fileName: '03-slower.md' },
	{ uri: 'file:///ws/other/03-elsewhere.md', folder: 'file:///ws/other', fileName: '03-elsewhere.md' },
];
const inWorkspace = (doc: string) => doc.startsWith('file:///ws/');

test('duplicate-number looks at the workspace again only when the docs, the settings or the title range change', () => {
	let looks = 0;
	const numbers = new DuplicateNumbers(
		() => {
			looks++;
			return workspace;
		},
		() => codeDocs,
		inWorkspace,
	);
	const settings = normalizeSettings({});
	const text = '# Faster\n\n* Author(s): Ada\n\n## Why\n\nBecause.\n';
	const title = { start: 0, end: 8 };
	const at = (version: number, body: string) => TextDocument.create(uri, 'markdown', version, body);

	const first = numbers.diagnostics(at(1, text), title, settings);
	assert.deepEqual(first.map((diagnostic) => [diagnostic.code, diagnostic.range.end.character, diagnostic.relatedInformation?.length]), [['duplicate-number', 8, 1]]);
	assert.equal(first[0]!.codeDescription?.href, `${codeDocs}duplicate-number.md`);
	assert.equal(looks, 1);
	for (let version = 2; version < 10; version++) {
		const typed = text.replace('Because.', `Because${'!'.repeat(version)}`).replace('Ada', `Ada\n${'* Approver: Grace\n'.repeat(version % 2)}`);
		assert.deepEqual(numbers.diagnostics(at(version, typed), title, settings), first);
	}
	assert.equal(looks, 1, 'keystrokes below the title line reuse the answer');

	const longer = numbers.diagnostics(at(10, text.replace('# Faster', '# Faster builds')), { start: 0, end: 15 }, settings);
	assert.equal(longer[0]!.range.end.character, 15);
	assert.equal(looks, 2, 'an edit of the title line moves the diagnostic');

	numbers.diagnostics(at(11, `\n${text}`), { start: 1, end: 9 }, settings);
	assert.equal(looks, 3, 'a line above the title moves it too');

	numbers.invalidate();
	numbers.diagnostics(at(12, `\n${text}`), { start: 1, end: 9 }, settings);
	assert.equal(looks, 4, 'a change of the workspace');

	assert.deepEqual(numbers.diagnostics(at(13, `\n${text}`), { start: 1, end: 9 }, normalizeSettings({ severity: { 'duplicate-number': 'off' } })), []);
	assert.equal(looks, 5, 'a change of the settings');
});

test('duplicate-number is for docs in a workspace folder only', () => {
	const numbers = new DuplicateNumbers(() => workspace, () => codeDocs, inWorkspace);
	assert.deepEqual(numbers.diagnostics(TextDocument.create('untitled:03-faster.md', 'markdown', 1, '# Faster\n'), { start: 0, end: 8 }, normalizeSettings({})), []);
});

test('duplicate-number in a virtual workspace (github.dev): folders are URIs of any scheme', () => {
	const repo = 'vscode-vfs://github/kptdev/kpt/docs/design-docs';
	const docs = [
		{ uri: `${repo}/03-faster.md`, folder: repo, fileName: '03-faster.md' },
		{ uri: `${repo}/03-slower.md`, folder: repo, fileName: '03-slower.md' },
	];
	const numbers = new DuplicateNumbers(() => docs, () => codeDocs, (doc) => doc.startsWith('vscode-vfs://github/kptdev/kpt/'));
	const diagnostics = numbers.diagnostics(TextDocument.create(`${repo}/03-faster.md`, 'markdown', 1, '# Faster\n'), { start: 0, end: 8 }, normalizeSettings({}));
	assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.relatedInformation?.[0]?.location.uri]), [['duplicate-number', `${repo}/03-slower.md`]]);
});
