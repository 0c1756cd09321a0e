/**
 * What the client and the server say to each other beyond LSP, in one place
 * both import (vscode-eslint style). Nothing here may import `vscode` or Node.
 */
/** Client commands that fixes run to move the cursor or select (registered by the VS Code client). */
export const editorCommands = {
	insertSnippet: 'designDoc.editor.insertSnippet',
	select: 'designDoc.editor.select',
} as const;

/** Sent by the client in `initializationOptions`. */
export interface InitializationOptions {
	/** The client registers `editorCommands`, so fixes may move the cursor or select. */
	readonly editorActions?: boolean;
}

/** Server command (`workspace/executeCommand`) that applies fix-all to one document. */
export const fixAllCommand = 'designDoc.server.fixAll';

/** The document's URI and the version the user saw when asking; a newer version is left alone. */
export type FixAllArguments = [uri: string, version?: number];
