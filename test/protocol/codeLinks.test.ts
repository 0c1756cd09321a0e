import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	ExecuteCommandRequest,
	ShowDocumentParams,
	ShowDocumentRequest,
	ShowMessageRequest,
	ShowMessageRequestParams,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { allCodes } from '../../server/src/service/codes';
import { codeDocs, root } from '../helpers';
import { LspClient } from './lspClient';

const workspace = mkdtempSync(join(tmpdir(), 'code-links-'));
const docs = join(workspace, 'design-docs');
const badExample = (code: string) => /^## Bad\n\n```markdown\n([\s\S]*?)\n```$/m.exec(readFileSync(join(root, 'docs', 'codes', `${code}.md`), 'utf8'))?.[1];
const complete = `${badExample('missing-section')!}\n\n## Design\n\nOne binary per architecture.\n`;

/** One doc per code that shows it: the bad examples of the pages, and names and sizes for the others. */
const files: Record<string, { text: string; code: string }> = {
	'Arm Build.md': { text: complete, code: 'file-name' },
	'40-arm-build.md': { text: complete, code: 'duplicate-number' },
	'40-oci-support.md': { text: complete, code: 'duplicate-number' },
	'50-big.md': { text: `${complete}\n${'A long paragraph. '.repeat(100)}\n`, code: 'validation-skipped' },
};
allCodes.forEach((code, index) => {
	const text = badExample(code);
	if (text) {
		files[`${10 + index}-${code}.md`] = { text: `${text}\n`, code };
	}
});

let client: LspClient;

before(async () => {
	mkdirSync(docs);
	for (const [name, { text }] of Object.entries(files)) {
		writeFileSync(join(docs, name), text);
	}
	// Time enough for a busy machine: only 50-big.md is to be skipped, for its size.
	client = new LspClient({ configuration: (_section, scopeUri) => (scopeUri?.endsWith('50-big.md') ? { maxDocumentSizeKb: 1 } : { validationTimeoutMs: 60000 }) });
	await client.initialize({ configuration: true, rootUri: pathToFileURL(workspace).href, capabilities: { window: { showDocument: { support: true } } } });
});

after(async () => {
	await client.stop();
	rmSync(workspace, { recursive: true, force: true });
});

test('every code links its page: codeDescription.href, a file that exists', async () => {
	const seen = new Set<string>();
	for (const [name, { text, code }] of Object.entries(files)) {
		const uri = pathToFileURL(join(docs, name)).href;
		await client.open(uri, text);
		// duplicate-number needs the index to have read the other doc: wait for it.
		const { diagnostics } = await client.diagnosticsWhere(uri, 0, (params) => params.diagnostics.some((diagnostic) => diagnostic.code === code));
		for (const diagnostic of diagnostics as Diagnostic[]) {
			assert.equal(diagnostic.codeDescription?.href, `${codeDocs}${String(diagnostic.code)}.md`, `${name}: ${diagnostic.message}`);
			assert.ok(existsSync(fileURLToPath(diagnostic.codeDescription!.href)), diagnostic.codeDescription!.href);
			seen.add(String(diagnostic.code));
		}
	}
	assert.deepEqual([...seen].sort(), [...allCodes].sort(), 'every code was published');
});

test('Show documentation opens the page through window/showDocument', async () => {
	const shown = new Promise<ShowDocumentParams>((resolve) =>
		client.connection.onRequest(ShowDocumentRequest.type, (params) => {
			resolve(params);
			return { success: true };
		}),
	);
	await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'designDoc.server.showDocumentation', arguments: ['placeholder'] });
	assert.deepEqual(await shown, { uri: `${codeDocs}placeholder.md`, takeFocus: true });
});

test('the client may say where the pages are; without window/showDocument, a message says it', async () => {
	const other = new LspClient();
	try {
		await other.initialize({ initializationOptions: { codeDocs: 'https://example.org/design-doc/codes' } });
		const uri = 'untitled:Linked';
		await other.open(uri, badExample('placeholder')!);
		const { diagnostics } = await other.diagnostics(uri);
		assert.ok(diagnostics.length > 0);
		assert.deepEqual(new Set(diagnostics.map((diagnostic) => diagnostic.codeDescription?.href)), new Set(diagnostics.map((diagnostic) => `https://example.org/design-doc/codes/${String(diagnostic.code)}.md`)));
		const message = new Promise<ShowMessageRequestParams>((resolve) =>
			other.connection.onRequest(ShowMessageRequest.type, (params) => {
				resolve(params);
				return null;
			}),
		);
		await other.connection.sendRequest(ExecuteCommandRequest.type, { command: 'designDoc.server.showDocumentation', arguments: ['placeholder'] });
		assert.deepEqual(await message, { type: 3, message: 'Documentation for placeholder: https://example.org/design-doc/codes/placeholder.md', actions: [] });
	} finally {
		await other.stop();
	}
});
