/**
 * Names the client, the server and the service share. Apart from `protocol.ts`
 * (which re-exports them) so that the service, and the worker that runs it,
 * never load the LSP protocol library for a few strings.
 */

/** Client commands that fixes run to move the cursor or select (registered by the VS Code client). */
export const editorCommands = {
	insertSnippet: 'designDoc.editor.insertSnippet',
	select: 'designDoc.editor.select',
} as const;

/** The kind `editor.codeActionsOnSave` asks for: `{"source.fixAll.designDoc": "explicit"}`. */
export const fixAllKind = 'source.fixAll.designDoc';

/** Server command that opens a diagnostic code's page (`window/showDocument`); its one argument is the code. */
export const showDocumentationCommand = 'designDoc.server.showDocumentation';
