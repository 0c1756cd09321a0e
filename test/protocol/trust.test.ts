import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
	ApplyWorkspaceEditRequest,
	type ApplyWorkspaceEditParams,
	CodeActionRequest,
	CodeLensRequest,
	CompletionRequest,
	DidChangeTextDocumentNotification,
	DidOpenTextDocumentNotification,
	ExecuteCommandRequest,
	ErrorCodes,
	ExitNotification,
	ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { newDocRequest, statusesChangedNotification, statusesRequest } from '../../server/src/protocol';
import { checkDocument } from '../../server/src/service/languageService';
import { normalizeSettings } from '../../server/src/service/settings';
import { corpus, kptTemplate } from '../helpers';
import { LspClient } from './lspClient';

const header = '# Trust\n\n* Author(s): Ada\n* Approver: Grace\n\n';
const uriOf = (path: string) => pathToFileURL(path).href;

/** CPU-bound processes beside the server, as on a laptop while VS Code starts. */
function busyMachine(count: number): { stop(): void } {
	const hogs: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for(;;);'], { stdio: 'ignore' }));
	return { stop: () => hogs.forEach((hog) => hog.kill('SIGKILL')) };
}

test('with four CPU-bound processes beside it, every kpt doc gets its full findings, none skipped', async () => {
	const workspace = mkdtempSync(join(tmpdir(), 'busy-'));
	const docs = join(workspace, 'docs', 'design-docs');
	cpSync(corpus, docs, { recursive: true });
	const names = readdirSync(docs).filter((name) => /^0[1-8]-.*\.md$/.test(name));
	assert.equal(names.length, 8);
	const load = busyMachine(4);
	const client = new LspClient();
	try {
		await client.initialize({ rootUri: uriOf(workspace) });
		// The Design Docs view, from the index of the docs on disk, before any is opened.
		await client.notification(statusesChangedNotification.method);
		const indexed = (await client.connection.sendRequest(statusesRequest)) as { path: string; description: string }[];
		assert.equal(indexed.length, 8);
		assert.deepEqual(indexed.filter((report) => /not fully checked/i.test(report.description)), []);
		await Promise.all(names.map((name) => client.open(uriOf(join(docs, name)), readFileSync(join(docs, name), 'utf8'))));
		for (const name of names) {
			const { diagnostics } = await client.diagnostics(uriOf(join(docs, name)));
			assert.deepEqual(
				diagnostics.filter((diagnostic) => diagnostic.code === 'validation-skipped').map((diagnostic) => diagnostic.message),
				[],
				name,
			);
		}
		const reports = (await client.connection.sendRequest(statusesRequest)) as { path: string; description: string }[];
		assert.equal(reports.filter((report) => names.some((name) => report.path.endsWith(name))).length, 8);
		assert.deepEqual(reports.filter((report) => /not fully checked/i.test(report.description)), []);
	} finally {
		load.stop();
		await client.stop();
	}
});

test('a doc whose check ran out of time is checked again when the server is idle, with more time, and gets its full findings', async () => {
	const text = Array.from({ length: 4 }, () => readFileSync(join(corpus, '08-package-variant.md'), 'utf8')).join('\n');
	// The budget is set from this doc's own cost, measured here: the first try gets about half the
	// work it needs, the retries twice and four times that.
	const cpuMs = () => process.cpuUsage().user / 1000;
	const check = () => checkDocument(TextDocument.create('untitled:Slow', 'markdown', 1, text), { template: kptTemplate, settings: normalizeSettings({}), relativePath: undefined });
	check();
	const before = cpuMs();
	check();
	const budget = Math.max(50, Math.round((cpuMs() - before) * 0.5));
	const client = new LspClient({ configuration: () => ({ validationTimeoutMs: budget }) });
	try {
		await client.initialize({ configuration: true });
		const uri = 'untitled:Slow';
		await client.open(uri, text);
		const first = await client.diagnostics(uri);
		assert.match(first.diagnostics[0]!.message, /^Full validation was skipped: checking it ran out of time \(over \d+ ms of work, the designDoc\.validationTimeoutMs budget\); it will be checked again, with more time, when the editor is idle\./);
		const full = await client.diagnosticsWhere(uri, 1, (params) => !params.diagnostics.some((diagnostic) => diagnostic.code === 'validation-skipped'));
		assert.ok(full.diagnostics.length > 0, 'its own findings, not only the skip notice');
	} finally {
		await client.stop();
	}
});

test('after the worker is replaced, another open doc still offers its quick fixes, fix-all and CodeLens', async () => {
	const client = new LspClient();
	try {
		await client.initialize();
		const uri = 'untitled:Kept';
		const text = `${header}## Why\n\nBecause.\n\n## Open Issues/Questions\n\n### Which way?\n`;
		await client.open(uri, text);
		const { diagnostics } = await client.diagnostics(uri);
		assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'missing-section'));
		// A doc the parser takes seconds over: its check runs out of time and the worker is replaced.
		const hostile = 'untitled:Hostile';
		await client.open(hostile, `${header}## Why\n\n${'>'.repeat(50000)}`);
		const skipped = await client.diagnostics(hostile);
		assert.equal(skipped.diagnostics[0]!.code, 'validation-skipped');
		await client.message(/^Ran out of time checking untitled:Hostile: used \d+ ms of work \(\d+ ms in all\), over its \d+ ms budget\.$/);

		const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
			textDocument: { uri },
			range: diagnostics[0]!.range,
			context: { diagnostics },
		})) as { title: string }[];
		assert.ok(actions.some((action) => /^Insert/.test(action.title)), JSON.stringify(actions.map((action) => action.title)));
		const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as { command: { title: string } }[];
		assert.deepEqual(
			lenses.map((lens) => lens.command.title),
			['1 unresolved'],
		);
		const applied = new Promise<ApplyWorkspaceEditParams>((resolve) =>
			client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
				resolve(params);
				return { applied: true };
			}),
		);
		await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'designDoc.server.fixAll', arguments: [uri, 1] });
		assert.ok((await applied).edit.documentChanges?.length);
		assert.doesNotMatch(client.stderr + client.messages.join('\n'), /\n\s+at /, 'no stack traces for a time-out');
	} finally {
		await client.stop();
	}
});

test('every path a workspace names stays inside it: links, settings, .designdocrc.json, docsFolder, FIFOs and /proc', async () => {
	const outside = mkdtempSync(join(tmpdir(), 'outside-'));
	writeFileSync(join(outside, 'secret.md'), '# Secret\n\n* Author(s): x\n\n## Leaked Heading\n\nNot yours.\n');
	mkdirSync(join(outside, 'escape-target'));
	const cases: [name: string, setUp: (workspace: string, docs: string) => void, expected: RegExp][] = [
		['00-template.md linked outside', (_, docs) => symlinkSync(join(outside, 'secret.md'), join(docs, '00-template.md')), /it is a link to a file outside the workspace folder/],
		['00-template.md linked to /proc/kmsg', (_, docs) => symlinkSync('/proc/kmsg', join(docs, '00-template.md')), /it is a link to a file outside the workspace folder/],
		['00-template.md a FIFO', (_, docs) => execFileSync('mkfifo', [join(docs, '00-template.md')]), /it is a named pipe \(FIFO\), not a file/],
		['template setting outside', (workspace) => writeFileSync(join(workspace, '.designdocrc.json'), JSON.stringify({ template: '../' + join(outside, 'secret.md').split('/').slice(-2).join('/') })), /outside the workspace folder/],
		['templateFileName a path', (workspace) => writeFileSync(join(workspace, '.designdocrc.json'), JSON.stringify({ templateFileName: '../../outside/secret.md' })), /it must be a file name, not a path/],
		['.designdocrc.json linked outside', (workspace) => {
			writeFileSync(join(outside, 'rc.json'), JSON.stringify({ template: 'x.md' }));
			symlinkSync(join(outside, 'rc.json'), join(workspace, '.designdocrc.json'));
		}, /\.designdocrc\.json is not read: it is a link to a file outside the workspace folder/],
	];
	for (const [name, setUp, expected] of cases) {
		const workspace = mkdtempSync(join(tmpdir(), 'hostile-ws-'));
		const docs = join(workspace, 'docs', 'design-docs');
		mkdirSync(docs, { recursive: true });
		setUp(workspace, docs);
		const client = new LspClient();
		try {
			await client.initialize({ rootUri: uriOf(workspace) });
			const uri = uriOf(join(docs, '01-a.md'));
			await client.open(uri, `${header}## Why\n\nBecause.\n`);
			const { diagnostics } = await client.diagnostics(uri);
			assert.match(await client.message(expected), expected, name);
			const everything = [...client.messages, ...diagnostics.map((diagnostic) => diagnostic.message)].join('\n');
			assert.doesNotMatch(everything, /Leaked Heading|Not yours/, `${name}: nothing of the outside file is shown`);
			assert.ok(diagnostics.some((diagnostic) => /## Motivation|## Design/.test(diagnostic.message)), `${name}: the bundled template stands in`);
		} finally {
			await client.stop();
		}
	}

	const workspace = mkdtempSync(join(tmpdir(), 'hostile-ws-'));
	symlinkSync(join(outside, 'escape-target'), join(workspace, 'linked'));
	for (const [docsFolder, expected] of [
		['../escape-target', /outside the workspace folder/],
		['linked', /reached through a link to a folder outside the workspace folder/],
	] as const) {
		writeFileSync(join(workspace, '.designdocrc.json'), JSON.stringify({ docsFolder }));
		const client = new LspClient();
		try {
			await client.initialize({ rootUri: uriOf(workspace) });
			const result = (await client.connection.sendRequest(newDocRequest, { title: 'Escape' })) as { error?: string; uri?: string };
			assert.equal(result.uri, undefined, docsFolder);
			assert.match(result.error ?? '', /^Cannot create the doc in .* \(from the designDoc\.docsFolder or designDoc\.template setting\): /);
			assert.match(result.error ?? '', expected);
		} finally {
			await client.stop();
		}
	}
	assert.deepEqual(readdirSync(join(outside, 'escape-target')), []);
});

test('malformed and out-of-order messages get the answer the LSP specification prescribes', async () => {
	const client = new LspClient();
	await client.initialize();
	const uri = 'untitled:Hygiene';
	await client.open(uri, `${header}## Why\n\nBecause.\n`, 5);
	await client.diagnostics(uri);
	const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
	const invalid = async (method: string, params: unknown, field: RegExp) => {
		await assert.rejects(client.connection.sendRequest(method, params), (error: { code: number; message: string }) => {
			assert.equal(error.code, ErrorCodes.InvalidParams, `${method}: ${error.message}`);
			assert.match(error.message, field);
			return true;
		});
	};
	await invalid(CodeActionRequest.method, { textDocument: { uri }, range }, /context/);
	await invalid(CodeActionRequest.method, { textDocument: { uri }, range: { start: { line: 'x', character: 0 }, end: range.end }, context: { diagnostics: [] } }, /range\.start/);
	await invalid(CodeActionRequest.method, { textDocument: {}, range, context: { diagnostics: [] } }, /textDocument\.uri/);
	await invalid(CompletionRequest.method, { textDocument: { uri }, position: { line: -1, character: 0 } }, /position/);
	await invalid(ExecuteCommandRequest.method, { command: 'designDoc.server.fixAll', arguments: [42] }, /arguments/);

	// A change that is not newer than the doc is ignored: the next real change still applies to the right text.
	await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 5 }, contentChanges: [{ text: '# Replaced\n' }] });
	await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: '# Replaced\n' }] });
	await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
		textDocument: { uri, version: 6 },
		contentChanges: [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }, text: 'Kept' }],
	});
	const after = await client.diagnosticsWhere(uri, 0, (params) => params.version === 6);
	assert.ok(after.diagnostics.every((diagnostic) => !/Replaced/.test(diagnostic.message)));
	await client.message(/^Ignored didChange of untitled:Hygiene: its version 5 is not newer than 5\.$/);
	await client.message(/^Ignored didChange of untitled:Hygiene: its version 3 is not newer than 5\.$/);

	// After shutdown: requests fail with InvalidRequest, a didOpen is ignored, and exit ends the process cleanly.
	await client.connection.sendRequest(ShutdownRequest.type);
	await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'untitled:Late', languageId: 'markdown', version: 1, text: '# Late\n' } });
	await assert.rejects(client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), (error: { code: number }) => error.code === ErrorCodes.InvalidRequest);
	await client.connection.sendNotification(ExitNotification.type);
	assert.equal(await client.exitCode(), 0);
	assert.equal(client.publications('untitled:Late').length, 0);
	assert.doesNotMatch(client.stderr, /TypeError/);
	client.connection.dispose();
});
