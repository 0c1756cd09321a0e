import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confine, isInsideUri, relativeTo } from '../../server/src/files/confine';
import { type FileSystem, unknownLinkTarget } from '../../server/src/files/fileSystem';

const root = 'vscode-vfs://github/kptdev/kpt';

test('inside a workspace folder of any scheme: by path segments, after `.` and `..` (also percent-encoded)', () => {
	assert.equal(isInsideUri(`${root}/docs/01-a.md`, root), true);
	assert.equal(isInsideUri(root, root), true);
	assert.equal(isInsideUri(`${root}/docs/../01-a.md`, root), true);
	assert.equal(isInsideUri(`${root}/../secret.md`, root), false);
	assert.equal(isInsideUri(`${root}/docs/%2e%2e/%2E%2E/secret.md`, root), false);
	// A sibling whose name starts with the folder's is not inside it.
	assert.equal(isInsideUri('vscode-vfs://github/kptdev/kpt-fork/01-a.md', root), false);
	// Another scheme or authority is another file system.
	assert.equal(isInsideUri('file:///kptdev/kpt/01-a.md', root), false);
	assert.equal(isInsideUri('vscode-vfs://gitlab/kptdev/kpt/01-a.md', root), false);
	assert.equal(relativeTo(`${root}/docs/design-docs/01%20a.md`, root), 'docs/design-docs/01 a.md');
	assert.equal(relativeTo(`${root}/../x.md`, root), undefined);
});

/** A file system whose only answer that matters is `realUri`. */
function linkedFs(real: (uri: string) => string | undefined): FileSystem {
	return { stat: async () => undefined, readDirectory: async () => [], readText: async () => ({ problem: 'unused' }), realUri: async (uri) => real(uri) };
}

test('confine: without links the path check alone decides; a link whose target cannot be known counts as leading outside', async () => {
	const plain = linkedFs((uri) => uri);
	assert.deepEqual(await confine(plain, `${root}/00-template.md`, root), { uri: `${root}/00-template.md` });
	assert.deepEqual(await confine(plain, `${root}/../secret.md`, root), { problem: 'it is outside the workspace folder' });
	// Through vscode.workspace.fs (VS Code for the Web) a link's target is unknown.
	const unknown = linkedFs((uri) => (uri.endsWith('00-template.md') ? unknownLinkTarget : uri));
	assert.deepEqual(await confine(unknown, `${root}/00-template.md`, root), { problem: 'it is a link to a file outside the workspace folder' });
	assert.deepEqual(await confine(linkedFs(() => undefined), `${root}/gone.md`, root), { problem: 'it does not exist' });
});
