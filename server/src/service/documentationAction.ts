import { CodeAction, CodeActionKind, Command, Diagnostic } from 'vscode-languageserver-types';
import { showDocumentationCommand } from './commandIds';
import type { DiagnosticCode } from './codes';

/** "Show documentation for CODE": the server's command opens the code's page in the editor. */
export function documentationAction(code: DiagnosticCode, diagnostics: readonly Diagnostic[]): CodeAction {
	const title = `Show documentation for ${code}`;
	return { title, kind: CodeActionKind.QuickFix, diagnostics: [...diagnostics], command: Command.create(title, showDocumentationCommand, code) };
}
