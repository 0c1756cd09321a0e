import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { codeDocsHref } from './service/codeDocs';
import { isDiagnosticCode } from './service/codes';

/**
 * Where the code pages are: where the client says (inside the extension's
 * install), else `docs/codes` beside the bundled server (`dist/server.js`), as
 * in the extension, an npm install or a checkout. Either opens offline.
 */
export function codeDocsBase(fromClient: unknown): string {
	if (typeof fromClient === 'string' && fromClient !== '') {
		return fromClient.endsWith('/') ? fromClient : `${fromClient}/`;
	}
	return `${URI.file(join(__dirname, '..', 'docs', 'codes')).toString()}/`;
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
