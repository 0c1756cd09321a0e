import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	CodeActionRequest,
	CodeLensRequest,
	CompletionRequest,
	ExecuteCommandRequest,
	HoverRequest,
	ApplyWorkspaceEditRequest,
	ApplyWorkspaceEditParams,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

let client: LspClient;
const uri = 'untitled:Features';
const text = [
	'# Faster Package Rendering',
	'',
	'* Author(s): Ada Lovelace',
	'',
	'## Why',
	'',
	'Rendering is slow.',
	'',
	'## User guide',
	'',
	'Run it twice.',
	'',
	'## Open Issues/Questions',
	'',
	'### Where does the cache live?',
	'',
	'## Alternatives Considered',
	'',
	'None.',
	'',
].join('\n');

before(async () => {
	client = new LspClient();
	await client.initialize();
	await client.open(uri, text, 7);
	await client.diagnostics(uri);
});

after(() => client.stop());

test('quick fixes: exact payload, versioned, marked preferred', async () => {
	const { diagnostics } = await client.diagnostics(uri);
	const variant = diagnostics.find((diagnostic) => diagnostic.code === 'heading-variant')!;
	const actions = await client.connection.sendRequest(CodeActionRequest.type, {
		textDocument: { uri },
		range: variant.range,
		context: { diagnostics: [variant] },
	});
	assert.deepEqual(actions, [
		{
			title: 'Rename heading to "## User Guide"',
			kind: 'quickfix',
			diagnostics: [variant],
			isPreferred: true,
			edit: {
				documentChanges: [
					{
						textDocument: { uri, version: 7 },
						edits: [{ range: { start: { line: 8, character: 3 }, end: { line: 8, character: 13 } }, newText: 'User Guide' }],
					},
				],
			},
		},
		{
			title: 'Disable heading-variant for this line',
			kind: 'quickfix',
			diagnostics: [variant],
			edit: {
				documentChanges: [
					{
						textDocument: { uri, version: 7 },
						edits: [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, newText: '<!-- design-doc-disable-next-line heading-variant -->\n' }],
					},
				],
			},
		},
		{
			title: 'Disable heading-variant for this file',
			kind: 'quickfix',
			diagnostics: [variant],
			edit: {
				documentChanges: [
					{
						textDocument: { uri, version: 7 },
						edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '<!-- design-doc-disable-file heading-variant -->\n' }],
					},
				],
			},
		},
		{
			title: 'Show documentation for heading-variant',
			kind: 'quickfix',
			diagnostics: [variant],
			command: { title: 'Show documentation for heading-variant', command: 'designDoc.server.showDocumentation', arguments: ['heading-variant'] },
		},
	]);
});

test('quick fixes for an unresolved question: mark it, or add a resolution', async () => {
	const { diagnostics } = await client.diagnostics(uri);
	const question = diagnostics.find((diagnostic) => diagnostic.code === 'unresolved-question')!;
	const actions = await client.connection.sendRequest(CodeActionRequest.type, {
		textDocument: { uri },
		range: question.range,
		context: { diagnostics: [question], only: ['quickfix'] },
	});
	assert.deepEqual(
		actions!.map((action) => action.title).slice(2),
		['Disable unresolved-question for this line', 'Disable unresolved-question for this file', 'Show documentation for unresolved-question'],
	);
	assert.deepEqual(
		actions!.slice(0, 2).map((action) => 'edit' in action && [action.title, action.isPreferred ?? false, action.edit!.documentChanges![0]]),
		[
			[
				'Mark as Not Yet Resolved',
				true,
				{ textDocument: { uri, version: 7 }, edits: [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 0 } }, newText: '\nResolution: __Not Yet Resolved__\n' }] },
			],
			[
				'Add a resolution',
				false,
				{ textDocument: { uri, version: 7 }, edits: [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 0 } }, newText: '\nResolution: \n' }] },
			],
		],
	);
});

test('diagnostics from an older version get no fixes', async () => {
	const { diagnostics } = await client.diagnostics(uri);
	const stale = { ...diagnostics[0]!, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
	const actions = await client.connection.sendRequest(CodeActionRequest.type, {
		textDocument: { uri },
		range: stale.range,
		context: { diagnostics: [stale] },
	});
	assert.deepEqual(actions, []);
});

test('source.fixAll and source.fixAll.designDoc answer one fix-all action', async () => {
	for (const only of [['source.fixAll'], ['source.fixAll.designDoc'], ['source']]) {
		const actions = await client.connection.sendRequest(CodeActionRequest.type, {
			textDocument: { uri },
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
			context: { diagnostics: [], only },
		});
		assert.equal(actions!.length, 1, only.join());
		const [action] = actions as { title: string; kind: string; edit: { documentChanges: { textDocument: unknown }[] } }[];
		assert.equal(action!.kind, 'source.fixAll.designDoc');
		assert.deepEqual(action!.edit.documentChanges[0]!.textDocument, { uri, version: 7 });
	}
	const none = await client.connection.sendRequest(CodeActionRequest.type, {
		textDocument: { uri },
		range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
		context: { diagnostics: [], only: ['refactor'] },
	});
	assert.deepEqual(none, []);
});

test('the fix-all command applies one versioned edit through workspace/applyEdit', async () => {
	const applied = new Promise<ApplyWorkspaceEditParams>((resolve) =>
		client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
			resolve(params);
			return { applied: true };
		}),
	);
	await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'designDoc.server.fixAll', arguments: [uri, 7] });
	const { edit, label } = await applied;
	assert.equal(label, 'Fix all design doc problems');
	const change = edit.documentChanges![0] as { textDocument: { version: number }; edits: { newText: string }[] };
	assert.equal(change.textDocument.version, 7);
	assert.ok(change.edits.some((item) => item.newText.includes('## Design')));
});

test('completion on a `## ` line offers only the missing sections, in template order', async () => {
	const list = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 19, character: 0 } });
	assert.deepEqual(list, []);
	await client.change(uri, 8, `${text}## `);
	const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 19, character: 3 } })) as {
		label: string;
		textEdit: unknown;
	}[];
	assert.deepEqual(
		items.map((item) => [item.label, item.textEdit]),
		[['## Design', { range: { start: { line: 19, character: 0 }, end: { line: 19, character: 3 } }, newText: '## Design' }]],
	);
	await client.change(uri, 9, text);
});

test('hover on a section heading shows its guidance from the template', async () => {
	const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 4 } });
	assert.deepEqual(hover!.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } });
	const value = (hover!.contents as { kind: string; value: string }).value;
	assert.match(value, /^\*\*## Why\*\*\n\nPlease provide a reason to have this feature\./);
	assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 2 } }), null);
});

test('requests for a document never opened answer empty', async () => {
	const never = { uri: 'file:///nowhere/never-opened.md' };
	assert.deepEqual(
		await client.connection.sendRequest(CodeActionRequest.type, {
			textDocument: never,
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
			context: { diagnostics: [] },
		}),
		[],
	);
	assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument: never, position: { line: 0, character: 0 } }), []);
	assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: never, position: { line: 0, character: 0 } }), null);
});

test('CodeLens on the questions heading counts them', async () => {
	const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
	assert.deepEqual(lenses, [
		{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 24 } }, command: { title: '1 unresolved', command: '' } },
	]);
});
