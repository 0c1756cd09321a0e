import type { Connection } from 'vscode-languageserver';
import { codeDocsHref } from './service/codeDocs';
import { isDiagnosticCode } from './service/codes';

/**
 * Where the code pages are: where the client says (inside the extension's
 * install), else `besideServer`: `docs/codes` beside the bundled server
 * (`dist/server.js`), as in the extension, an npm install or a checkout (the
 * server's shell says where that is). Either opens offline.
 */
export function codeDocsBase(fromClient: unknown, besideServer: string): string {
	const base = typeof fromClient === 'string' && fromClient !== '' ? fromClient : besideServer;
	return base.endsWith('/') ? base : `${base}/`;
}

/**
 * The "Show documentation" command: the editor opens the page
 * (`window/showDocument`, LSP 3.16); an editor without it is told where it is.
 */
export async function showDocumentation(connection: Connection, base: string, code: unknown, canShowDocument: boolean): Promise<void> {
	if (!isDiagnosticCode(code)) {
		return;
	}
	const uri = codeDocsHref(base, code);
	if (canShowDocument) {
		const { success } = await connection.window.showDocument({ uri, takeFocus: true });
		if (success) {
			return;
		}
	}
	void connection.window.showInformationMessage(`Documentation for ${code}: ${uri}`);
}
