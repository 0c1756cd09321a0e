// A workspace of another scheme (`vscode-vfs:`, as on github.dev), which the server cannot read
// itself: it asks the client (designDoc/fs/*, designDoc/findFiles), as it does in VS Code for the
// Web. Here the test is that client, answering from an in-memory tree.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import picomatch from 'picomatch';
import type { FileStat, ReadResult } from '../../server/src/files/fileSystem';
import {
	type FindFilesParams,
	type ReadTextParams,
	fileStatRequest,
	findFilesRequest,
	loadStatusIndexRequest,
	newDocRequest,
	readDirectoryRequest,
	readTextRequest,
	realUriRequest,
	saveStatusIndexRequest,
	statusesChangedNotification,
	statusesRequest,
} from '../../server/src/protocol';
import { corpus } from '../helpers';
import { LspClient } from './lspClient';

const root = 'vscode-vfs://github/kptdev/kpt';
const docs = `${root}/docs/design-docs`;

/** The kpt corpus under docs/design-docs of a virtual repository, with a file beside the repository. */
function corpusTree(): Map<string, string> {
	const files = new Map<string, string>();
	for (const name of readdirSync(corpus)) {
		files.set(`${docs}/${name}`, readFileSync(join(corpus, name), 'utf8'));
	}
	files.set(`${root}/README.md`, '# Not a design doc\n');
	files.set('vscode-vfs://github/kptdev/secret.md', '# Secret\n\n* Author(s): x\n\n## Leaked Heading\n\nNot yours.\n');
	return files;
}

/** Every request the server made of the client, by method, with its URI or folder. */
type Asked = [method: string, uri: string][];

/**
 * A client that answers the server's file requests from `files`, as the extension does through
 * workspace.fs; with `statusIndex`, it names a storage folder of another scheme and keeps the
 * server's index of statuses there.
 */
async function virtualClient(files: Map<string, string>, statusIndex?: { text: string | null }): Promise<{ client: LspClient; asked: Asked }> {
	const client = new LspClient();
	const asked: Asked = [];
	const isFolder = (uri: string) => [...files.keys()].some((file) => file.startsWith(`${uri}/`));
	const { connection } = client;
	connection.onRequest(fileStatRequest, ({ uri }): FileStat | null => {
		asked.push([fileStatRequest.method, uri]);
		const text = files.get(uri);
		return text !== undefined ? { kind: 'file', size: text.length, mtime: 0 } : isFolder(uri) ? { kind: 'directory', size: 0, mtime: 0 } : null;
	});
	connection.onRequest(readDirectoryRequest, ({ uri }) => {
		asked.push([readDirectoryRequest.method, uri]);
		const names = new Map<string, 'file' | 'directory'>();
		for (const file of files.keys()) {
			if (file.startsWith(`${uri}/`)) {
				const [name, ...rest] = file.slice(uri.length + 1).split('/');
				names.set(name!, rest.length > 0 ? 'directory' : 'file');
			}
		}
		return [...names];
	});
	connection.onRequest(readTextRequest, ({ uri }: ReadTextParams): ReadResult => {
		asked.push([readTextRequest.method, uri]);
		const text = files.get(uri);
		return text === undefined ? { problem: 'it does not exist' } : { text, stamp: String(text.length) };
	});
	// A virtual file system has no links: a URI that exists is its own real URI.
	connection.onRequest(realUriRequest, ({ uri }) => {
		asked.push([realUriRequest.method, uri]);
		return files.has(uri) || isFolder(uri) ? uri : null;
	});
	connection.onRequest(findFilesRequest, ({ folder, include, exclude }: FindFilesParams) => {
		asked.push([findFilesRequest.method, folder]);
		const included = picomatch([...include], { dot: true });
		const excluded = picomatch([...exclude], { dot: true });
		return [...files.keys()].filter((uri) => uri.startsWith(`${folder}/`) && included(uri.slice(folder.length + 1)) && !excluded(uri.slice(folder.length + 1)));
	});
	if (statusIndex) {
		connection.onRequest(loadStatusIndexRequest, () => statusIndex.text);
		connection.onRequest(saveStatusIndexRequest, ({ text }) => {
			statusIndex.text = text;
		});
	}
	await client.initialize({ rootUri: root, initializationOptions: statusIndex ? { storageUri: 'vscode-userdata:/User/workspaceStorage/1/design-doc-assistant' } : undefined });
	return { client, asked };
}

test('a vscode-vfs: workspace is indexed through the client: found with findFiles, read with designDoc/fs, no folder walked', async () => {
	const { client, asked } = await virtualClient(corpusTree());
	try {
		await client.notification(statusesChangedNotification.method);
		const reports = await client.connection.sendRequest(statusesRequest);
		assert.deepEqual(
			reports.map((report) => [report.uri, report.path, report.status]),
			[
				['01-live-invenstory-to-rg.md', 'draft'],
				['02-oci-support.md', 'draft'],
				['03-pipeline-merge.md', 'ready'],
				['04-arm-build.md', 'draft'],
				['05-kpt-fn-exclude.md', 'draft'],
				['06-config-as-data.md', 'draft'],
				['07-package-orchestration.md', 'draft'],
				['08-package-variant.md', 'draft'],
			].map(([name, status]) => [`${docs}/${name}`, `docs/design-docs/${name}`, status]),
		);
		assert.ok(asked.some(([method]) => method === findFilesRequest.method), 'the editor was asked to find the files');
		assert.deepEqual(
			asked.filter(([method]) => method === readDirectoryRequest.method),
			[],
			'no folder of a virtual workspace is listed request by request',
		);
		// The workspace's own template, read through the client, is the one the docs follow.
		assert.match(await client.message(/^Design Doc Assistant started/), /template docs\/design-docs\/00-template\.md, 8 design docs indexed/);
	} finally {
		await client.stop();
	}
});

test('an open doc of a vscode-vfs: workspace gets its findings, against the workspace template', async () => {
	const files = corpusTree();
	const { client } = await virtualClient(files);
	try {
		const uri = `${docs}/05-kpt-fn-exclude.md`;
		await client.open(uri, files.get(uri)!);
		const { diagnostics } = await client.diagnostics(uri);
		assert.ok(
			diagnostics.some((diagnostic) => diagnostic.code === 'missing-section' && /## User Guide/.test(diagnostic.message)),
			diagnostics.map((diagnostic) => diagnostic.message).join('\n'),
		);
	} finally {
		await client.stop();
	}
});

test('confinement on a virtual scheme: a template setting that leaves the workspace folder is refused, and never read', async () => {
	const files = corpusTree();
	files.set(`${root}/.designdocrc.json`, JSON.stringify({ template: '../secret.md' }));
	const { client, asked } = await virtualClient(files);
	try {
		const uri = `${docs}/05-kpt-fn-exclude.md`;
		await client.open(uri, files.get(uri)!);
		const { diagnostics } = await client.diagnostics(uri);
		assert.match(await client.message(/outside the workspace folder/), /outside the workspace folder/);
		assert.doesNotMatch([...client.messages, ...diagnostics.map((diagnostic) => diagnostic.message)].join('\n'), /Leaked Heading|Not yours/);
		assert.deepEqual(
			asked.filter(([, target]) => target.endsWith('/secret.md')),
			[],
			'nothing outside the workspace folder is asked for',
		);
	} finally {
		await client.stop();
	}
});

test('New Design Doc in a vscode-vfs: workspace: the next free number, read from the client, and a URI of that scheme', async () => {
	const { client } = await virtualClient(corpusTree());
	try {
		await client.notification(statusesChangedNotification.method);
		const result = (await client.connection.sendRequest(newDocRequest, { title: 'Web Review Flow' })) as { uri?: string; text?: string; error?: string };
		assert.equal(result.error, undefined);
		assert.equal(result.uri, `${docs}/09-web-review-flow.md`);
		assert.match(result.text ?? '', /^# Web Review Flow$/m);
	} finally {
		await client.stop();
	}
});

test('a storage folder the server cannot write (VS Code for the Web): the client keeps the index of statuses, and a second start parses nothing', async () => {
	const indexedLog = /^Indexed the workspace in \d+ ms: (\d+) files read, (\d+) parsed/;
	const statusIndex: { text: string | null } = { text: null };
	// The template, SOURCE.md and the eight docs: what findFiles names.
	const files = 10;
	for (const parsed of [files, 0]) {
		const { client } = await virtualClient(corpusTree(), statusIndex);
		try {
			const [, read, parsedNow] = indexedLog.exec(await client.message(indexedLog))!;
			assert.deepEqual([Number(read), Number(parsedNow)], [files, parsed]);
			// Saved before the start line.
			await client.message(/^Design Doc Assistant started/);
			assert.match(statusIndex.text ?? '', /"statuses"/);
		} finally {
			await client.stop();
		}
	}
});
