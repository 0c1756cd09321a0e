// Which copy of the extension the suite is testing: the source folder, or the .vsix the
// runner packaged and installed (test/e2e/runner.mjs sets E2E_EXTENSION_PATH to its folder).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

suite('Design Doc Assistant: the extension under test', () => {
	test('is the expected copy, with its contributions', async () => {
		const extension = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
		const expected = process.env.E2E_EXTENSION_PATH;
		if (expected) assert.equal(path.resolve(extension.extensionPath), path.resolve(expected));
		const contributes = extension.packageJSON.contributes;
		assert.ok(contributes.views.explorer.some((view: { id: string }) => view.id === 'designDocs'));
		assert.ok(contributes.snippets.length > 0);
		const commands = await vscode.commands.getCommands(true);
		await extension.activate();
		const after = await vscode.commands.getCommands(true);
		for (const command of ['designDoc.newDoc', 'designDoc.fixAll', 'designDoc.restartServer', 'designDoc.revealInTree']) {
			assert.ok(after.includes(command), `${command} is not registered (before activation: ${commands.includes(command)})`);
		}
	});
});
