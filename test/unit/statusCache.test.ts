import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeSettings, statusSettings } from '../../server/src/service/settings';
import type { CheckReply } from '../../server/src/worker/messages';
import { StatusCache, statusKey } from '../../server/src/statusCache';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../../server/src/service/languageService';
import { fixture, kptTemplate } from '../helpers';

const status = (title: string): CheckReply => ({
	isDesignDoc: true,
	diagnostics: [],
	anchor: { start: 0, end: 0 },
	status: { title, status: 'draft', author: null, approver: null, sections: [], missingSections: [], questions: [], problems: [] },
});
const notADoc: CheckReply = { isDesignDoc: false, diagnostics: [], status: undefined, anchor: { start: 0, end: 0 } };

/** A store in memory that counts its writes. */
function memoryStore(text?: string) {
	const store = { text, writes: 0, load: async () => store.text, save: async (value: string) => void ((store.text = value), store.writes++) };
	return store;
}

test('statuses survive a restart by key; unused keys are dropped, and nothing is written when nothing changed', async () => {
	const store = memoryStore();
	const first = new StatusCache(store, '1.0.0');
	await first.load();
	first.set('a', status('A'));
	first.set('b', notADoc);
	first.set('c', status('C'));
	await first.save();
	assert.equal(store.writes, 1);

	const second = new StatusCache(store, '1.0.0');
	await second.load();
	assert.deepEqual(JSON.parse(JSON.stringify([second.get('a'), second.get('b')])), JSON.parse(JSON.stringify([status('A'), notADoc])));
	assert.equal(second.get('x'), undefined);
	await second.save();
	assert.equal(store.writes, 2, '`c` was not used: it is dropped');
	second.sweep();
	assert.deepEqual(JSON.parse(JSON.stringify([second.get('a'), second.get('b')])), JSON.parse(JSON.stringify([status('A'), notADoc])));
	await second.save();
	assert.equal(store.writes, 2, 'the same keys again: nothing to write');

	const upgraded = new StatusCache(store, '1.1.0');
	await upgraded.load();
	assert.equal(upgraded.get('a'), undefined, 'another version of the extension starts over');
	const broken = new StatusCache(memoryStore('{"format":'), '1.0.0');
	await broken.load();
	assert.equal(broken.get('a'), undefined);
});

test('the key changes with the text and with the context, which never run into each other', async () => {
	const key = await statusKey(['docs/01-a.md', 'template', { include: [] }], 'text');
	assert.match(key, /^[0-9a-f]{64}$/);
	assert.equal(await statusKey(['docs/01-a.md', 'template', { include: [] }], 'text'), key);
	assert.notEqual(await statusKey(['docs/01-a.md', 'template', { include: [] }], 'text.'), key);
	assert.notEqual(await statusKey(['docs/01-b.md', 'template', { include: [] }], 'text'), key);
	assert.notEqual(await statusKey(['docs/01-a.md', 'template\u0000', { include: [] }], 'text'), await statusKey(['docs/01-a.md', 'template', { include: [] }], '\u0000text'));
});

test('settings left out of the status key do not change a status', () => {
	const settings = normalizeSettings({});
	const changed = normalizeSettings({ severity: { placeholder: 'off', 'missing-section': 'hint', 'unresolved-question': 'off' }, debounceMs: 5, docsFolder: 'x' });
	assert.deepEqual(statusSettings(changed), statusSettings(settings));
	for (const name of ['placeholder.md', 'unresolved-question.md', 'complete.md', 'missing-section.md']) {
		const document = TextDocument.create('file:///ws/design-docs/01-a.md', 'markdown', 1, fixture('rules', name));
		const statusUnder = (value: typeof settings) => checkDocument(document, { template: kptTemplate, settings: value, relativePath: 'design-docs/01-a.md' }).status;
		assert.deepEqual(statusUnder(changed), statusUnder(settings), name);
	}
	assert.notDeepEqual(statusSettings(normalizeSettings({ headingSynonyms: { Why: ['Motivation'] } })), statusSettings(settings));
});
