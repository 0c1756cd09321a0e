import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CodeActionRequest, CompletionRequest, DidChangeTextDocumentNotification, HoverRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { fixture } from '../helpers';
import { LspClient } from './lspClient';

let client: LspClient;
const doc = fixture('rules', 'missing-section.md');

before(async () => {
	client = new LspClient();
	await client.initialize();
});

after(() => client.stop());

test('code actions asked for after a newer edit never carry edits for the old version', async () => {
	const uri = 'untitled:Stale';
	await client.open(uri, doc, 1);
	const { diagnostics } = await client.diagnostics(uri);
	// The user types a line at the top; the editor still shows version 1's diagnostics.
	await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
		textDocument: { uri, version: 2 },
		contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Intro.\n\n' }],
	});
	const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
		textDocument: { uri },
		range: diagnostics[0]!.range,
		context: { diagnostics },
	})) as { edit?: { documentChanges: { textDocument: { version: number } }[] } }[];
	assert.deepEqual(actions, [], 'the shown diagnostics moved: none of them is current, so nothing is offered');
	const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
		textDocument: { uri },
		range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
		context: { diagnostics: [], only: ['source.fixAll'] },
	})) as { edit: { documentChanges: { textDocument: { version: number } }[] } }[];
	assert.deepEqual(fixAll.map((action) => action.edit.documentChanges[0]!.textDocument.version), [2]);
});

test('requests for a closed document answer empty', async () => {
	const uri = 'untitled:Closed';
	await client.open(uri, doc);
	await client.diagnostics(uri);
	await client.close(uri);
	assert.deepEqual((await client.diagnostics(uri, 2)).diagnostics, []);
	const position = { line: 5, character: 3 };
	assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), []);
	assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), null);
	assert.deepEqual(
		await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
		[],
	);
});

test('untitled, git, vscode-vfs and notebook-cell URIs are echoed exactly; notebook cells are not validated', async () => {
	const uris = [
		'untitled:Untitled-3',
		'git:/work/repo/docs/design-docs/01-a.md?%7B%22path%22%3A%22%2Fwork%2Frepo%2Fdocs%2Fdesign-docs%2F01-a.md%22%2C%22ref%22%3A%22HEAD%22%7D',
		'vscode-vfs://github/owner/repo/docs/design-docs/01-a%20b.md',
	];
	for (const uri of uris) {
		await client.open(uri, doc);
		const published = await client.diagnostics(uri);
		assert.equal(published.uri, uri);
		assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'missing-section'), uri);
	}
	const cell = 'vscode-notebook-cell:/work/notes.ipynb#W0sZmlsZQ%3D%3D';
	await client.open(cell, doc);
	assert.deepEqual(await client.diagnostics(cell), { uri: cell, diagnostics: [] });
});

test('a request after shutdown gets an error, not a crash', async () => {
	const late = new LspClient();
	await late.initialize();
	await late.connection.sendRequest(ShutdownRequest.type);
	await assert.rejects(late.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'untitled:x' }, position: { line: 0, character: 0 } }));
	await late.stop();
});
