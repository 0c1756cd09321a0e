// `npm run test:electron`: the same mocha suite as `npm run test:e2e`, in a desktop VS Code
// downloaded by @vscode/test-electron. Needs a network that reaches update.code.visualstudio.com
// (these CI machines do not: there, `npm run test:e2e` is the real-editor layer).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { FIXTURE, ROOT, buildSuite, checkExtensionBuilt } from './vscodeServer.mjs';

checkExtensionBuilt();
const workspace = mkdtempSync(join(tmpdir(), 'dda-electron-'));
cpSync(FIXTURE, join(workspace, 'kpt-design-docs'), { recursive: true });
try {
	await runTests({
		version: '1.100.3',
		extensionDevelopmentPath: ROOT,
		extensionTestsPath: await buildSuite(),
		launchArgs: [join(workspace, 'kpt-design-docs'), '--disable-extensions', '--disable-workspace-trust'],
	});
} catch (error) {
	console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	rmSync(workspace, { recursive: true, force: true });
}
