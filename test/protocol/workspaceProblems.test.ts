import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
	CancellationToken,
	CancellationTokenSource,
	DidChangeWatchedFilesNotification,
	DocumentDiagnosticRequest,
	FileChangeType,
	LSPErrorCodes,
	ResponseError,
	ShutdownRequest,
	WorkspaceDiagnosticRequest,
	WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { statusesChangedNotification, statusesRequest } from '../../server/src/protocol';
import { fixture } from '../helpers';
import { LspClient } from './lspClient';

const complete = fixture('rules', 'complete.md');
const withPlaceholderTitle = complete.replace('# Faster Package Rendering', '# Title');
const secondText = complete.replace('# Faster Package Rendering', '# Slower Package Rendering');
const folders: string[] = [];
const clients: LspClient[] = [];

after(async () => {
	await Promise.all(clients.map((client) => client.stop()));
	folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
});

/** A workspace with two design docs (one with a placeholder title) and a README; `problems` in its `.designdocrc.json`. */
function workspace(problems?: 'open' | 'workspace') {
	const folder = mkdtempSync(join(tmpdir(), 'workspace-problems-'));
	folders.push(folder);
	mkdirSync(join(folder, 'design-docs'));
	writeFileSync(join(folder, 'design-docs', '01-faster-rendering.md'), withPlaceholderTitle);
	writeFileSync(join(folder, 'design-docs', '02-slower-rendering.md'), secondText);
	writeFileSync(join(folder, 'README.md'), '# Notes\n');
	if (problems) {
		writeFileSync(join(folder, '.designdocrc.json'), JSON.stringify({ problems }));
	}
	const uri = (name: string) => pathToFileURL(join(folder, 'design-docs', name)).href;
	return { folder, first: uri('01-faster-rendering.md'), second: uri('02-slower-rendering.md'), readme: pathToFileURL(join(folder, 'README.md')).href };
}

const pullCapabilities = { textDocument: { diagnostic: { dynamicRegistration: true } }, workspace: { diagnostics: { refreshSupport: true } } };

async function start(folder: string, capabilities = {}): Promise<LspClient> {
	const client = new LspClient();
	clients.push(client);
	await client.initialize({ rootUri: pathToFileURL(folder).href, capabilities });
	// The first index of the workspace is done once the client hears of the statuses.
	await client.notification(statusesChangedNotification.method);
	return client;
}

async function changedOnDisk(client: LspClient, uri: string, type: FileChangeType): Promise<void> {
	await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
}

const codes = (diagnostics: readonly { code?: unknown }[]) => diagnostics.map((diagnostic) => diagnostic.code);

test('"open" (the default), a client without pull: docs not open get no diagnostics', async () => {
	const { folder, first, second } = workspace();
	const client = await start(folder);
	// A round trip after the index is done: anything published with it has arrived.
	assert.equal((await client.connection.sendRequest(statusesRequest)).length, 2);
	assert.deepEqual([...client.publications(first), ...client.publications(second)], []);
	assert.deepEqual(client.registrations, []);
});

test('"workspace", a client without pull: every doc is published, open or not, and follows the disk', async () => {
	const { folder, first, second, readme } = workspace('workspace');
	const client = await start(folder);
	const published = await client.diagnostics(first);
	assert.deepEqual(codes(published.diagnostics), ['placeholder']);
	assert.equal(published.diagnostics[0]!.data, undefined, 'no fix data for a doc that is not open');
	assert.deepEqual((await client.diagnostics(second)).diagnostics, []);
	assert.deepEqual(client.publications(readme), [], 'not a design doc');

	// Fixed on disk (another editor, git): published again.
	writeFileSync(join(folder, 'design-docs', '01-faster-rendering.md'), complete);
	await changedOnDisk(client, first, FileChangeType.Changed);
	assert.deepEqual((await client.diagnostics(first, 2)).diagnostics, []);

	// A doc that appears clashes by number with the other one; a doc that goes is cleared.
	writeFileSync(join(folder, 'design-docs', '02-another.md'), withPlaceholderTitle);
	const added = pathToFileURL(join(folder, 'design-docs', '02-another.md')).href;
	await changedOnDisk(client, added, FileChangeType.Created);
	assert.deepEqual(codes((await client.diagnostics(added)).diagnostics), ['placeholder', 'duplicate-number']);
	assert.deepEqual(codes((await client.diagnostics(second, 2)).diagnostics), ['duplicate-number']);
	unlinkSync(join(folder, 'design-docs', '02-another.md'));
	await changedOnDisk(client, added, FileChangeType.Deleted);
	assert.deepEqual((await client.diagnostics(added, 2)).diagnostics, []);
	assert.deepEqual((await client.diagnostics(second, 3)).diagnostics, []);

	// Opened, the editor's text is what counts; closed unsaved, the disk's again.
	writeFileSync(join(folder, 'design-docs', '01-faster-rendering.md'), withPlaceholderTitle);
	await changedOnDisk(client, first, FileChangeType.Changed);
	assert.deepEqual(codes((await client.diagnostics(first, 3)).diagnostics), ['placeholder']);
	await client.open(first, complete, 1);
	assert.deepEqual((await client.diagnosticsWhere(first, 3, (params) => params.version === 1)).diagnostics, []);
	const count = client.publications(first).length;
	await client.close(first);
	const closed = await client.diagnosticsWhere(first, count, (params) => params.diagnostics.length > 0);
	assert.equal(closed.version, undefined);
	assert.deepEqual(codes(closed.diagnostics), ['placeholder']);
});

test('"open", a pull client: no workspace provider is registered', async () => {
	const { folder } = workspace('open');
	const client = await start(folder, pullCapabilities);
	assert.equal((await client.connection.sendRequest(statusesRequest)).length, 2);
	assert.deepEqual(client.registrations, []);
});

test('"workspace", a pull client: workspace/diagnostic reports the docs not open, holds a pull with nothing new, answers it when the disk changes', async () => {
	const { folder, first, second } = workspace('workspace');
	const client = await start(folder, pullCapabilities);
	await client.until(() => client.registrations.length > 0);
	assert.deepEqual(
		client.registrations.map(({ method, registerOptions }) => [method, registerOptions]),
		[['textDocument/diagnostic', { documentSelector: null, identifier: 'design-doc', interFileDependencies: true, workspaceDiagnostics: true }]],
	);
	const pull = async (previous: WorkspaceDocumentDiagnosticReport[]) =>
		(
			await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
				previousResultIds: previous.map(({ uri, resultId }) => ({ uri, value: resultId! })),
			})
		).items.sort((a, b) => (a.uri < b.uri ? -1 : 1));

	const first1 = await pull([]);
	assert.deepEqual(
		first1.map((report) => [report.uri, report.kind, 'items' in report ? codes(report.items) : undefined]),
		[
			[first, 'full', ['placeholder']],
			[second, 'full', []],
		],
	);
	assert.deepEqual(client.publications(first), [], 'pulled, not pushed');

	// Nothing new: the pull is held (LSP 3.17's long poll), not answered "unchanged" for the client
	// to ask again (VS Code asks 2 s after every answer): an idle workspace costs no message.
	const refreshes = client.refreshes;
	let answered = false;
	const held = pull(first1).finally(() => (answered = true));
	// A change on disk that changes no finding: the doc is read again, and the pull stays held.
	const statuses = client.notificationCount(statusesChangedNotification.method);
	writeFileSync(join(folder, 'design-docs', '02-slower-rendering.md'), `${secondText}\nMore words of the alternatives.\n`);
	await changedOnDisk(client, second, FileChangeType.Changed);
	await client.notification(statusesChangedNotification.method, statuses + 1);
	// A round trip after the index's update: an answer sent with it would have arrived.
	await client.connection.sendRequest(statusesRequest);
	assert.equal(answered, false, 'the server answered a pull with nothing new in it');

	// A doc that is not open fixed on disk: the held pull answers with it, the other unchanged.
	writeFileSync(join(folder, 'design-docs', '01-faster-rendering.md'), complete);
	await changedOnDisk(client, first, FileChangeType.Changed);
	const changed = await held;
	assert.deepEqual(changed.map((report) => [report.uri, report.kind, 'items' in report ? codes(report.items) : undefined]), [
		[first, 'full', []],
		[second, 'unchanged', undefined],
	]);
	assert.equal(client.refreshes, refreshes, 'the held pull carried the change: no refresh needed');

	// Open, a doc's findings are pushed as typed: the workspace report clears what it said, a document pull is empty.
	await client.open(second, complete.replace('# Faster Package Rendering', '# Title'), 1);
	assert.deepEqual(codes((await client.diagnostics(second)).diagnostics), ['placeholder']);
	const withOpen = await pull(changed);
	assert.deepEqual(withOpen.map((report) => [report.uri, report.kind, 'items' in report ? report.items : undefined]), [
		[first, 'unchanged', undefined],
		[second, 'full', []],
	]);
	assert.deepEqual(await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: second } }), { kind: 'full', items: [] });

	// Closed: reported afresh (the client's copy was the open doc's), from the disk.
	const beforeClose = client.refreshes;
	await client.close(second);
	await client.until(() => client.refreshes > beforeClose);
	const closed = await pull(withOpen);
	assert.deepEqual(closed.map((report) => [report.uri, report.kind, 'items' in report ? report.items : undefined]), [
		[first, 'unchanged', undefined],
		[second, 'full', []],
	]);
});

test('"workspace", a pull client: a held pull ends when the client cancels it, and when the server shuts down', async () => {
	const { folder } = workspace('workspace');
	const client = await start(folder, pullCapabilities);
	await client.until(() => client.registrations.length > 0);
	const pull = (previous: readonly WorkspaceDocumentDiagnosticReport[], token?: CancellationToken) =>
		client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: previous.map(({ uri, resultId }) => ({ uri, value: resultId! })) }, token);
	const { items } = await pull([]);
	assert.equal(items.length, 2);

	const cancellation = new CancellationTokenSource();
	const cancelled = pull(items, cancellation.token);
	// A round trip: the pull is held by the server, not still in its queue (where a cancellation would find no request to end).
	await client.connection.sendRequest(statusesRequest);
	cancellation.cancel();
	await assert.rejects(cancelled, (error: ResponseError<unknown>) => error.code === LSPErrorCodes.RequestCancelled);

	// Held at shutdown: ended, and the client is told not to ask again.
	const held = pull(items);
	held.catch(() => undefined); // asserted below, after the shutdown
	// A round trip: the pull is held by the server, not still on its way.
	await client.connection.sendRequest(statusesRequest);
	// The shutdown alone (the connection stays up until exit, so the answer can arrive after its reply).
	await client.connection.sendRequest(ShutdownRequest.type);
	await assert.rejects(held, (error: ResponseError<{ retriggerRequest: boolean }>) => error.code === LSPErrorCodes.ServerCancelled && error.data?.retriggerRequest === false);
});
