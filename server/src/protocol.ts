/**
 * What the client and the server say to each other beyond LSP, in one place
 * both import (vscode-eslint style). Nothing here may import `vscode` or Node.
 */
import { NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { FileKind, FileStat, ReadResult } from './files/fileSystem';
import type { DocStatus } from './service/status';

export { editorCommands, fixAllKind, showDocumentationCommand } from './service/commandIds';

/** Sent by the client in `initializationOptions`. */
export interface InitializationOptions {
	/** The client registers `editorCommands`, so fixes may move the cursor or select. */
	readonly editorActions?: boolean;
	/**
	 * URI of the folder of the code pages (`docs/codes/`) where the client can open them,
	 * such as inside the extension's install. Default: `docs/codes` beside the server's bundle.
	 */
	readonly codeDocs?: string;
	/** A folder URI the server may write its cache of statuses to: the extension's storage. */
	readonly storageUri?: string;
	/**
	 * VS Code for the Web: the text of the parse worker's script (dist/web/worker.js). A
	 * worker there cannot load a script from the extension's URI, so the server starts it from this.
	 */
	readonly workerScript?: string;
}

/** Server command (`workspace/executeCommand`) that applies fix-all to one document. */
export const fixAllCommand = 'designDoc.server.fixAll';


/** The document's URI and the version the user saw when asking; a newer version is left alone. */
export type FixAllArguments = [uri: string, version?: number];

/** One design doc of the workspace, opened or not. */
export interface DocStatusReport extends DocStatus {
	readonly uri: string;
	/** Workspace-relative path with `/`, or the URI for documents not on disk. */
	readonly path: string;
	/** "2 open questions", "missing: Design": the one-line summary. */
	readonly description: string;
}

/** Every design doc's status, sorted by path. */
export const statusesRequest = new RequestType0<DocStatusReport[], void>('designDoc/statuses');

/** Sent when any doc's status may have changed; the client asks again. */
export const statusesChangedNotification = new NotificationType0('designDoc/statusesChanged');

/** Re-read every design doc from disk. */
export const refreshRequest = new RequestType0<void, void>('designDoc/refresh');

export interface NewDocParams {
	readonly title: string;
}

/** Where the new doc goes and what it says; the client writes it (it owns the UI and the file system). */
export type NewDocResult = { readonly uri: string; readonly text: string } | { readonly error: string };

export const newDocRequest = new RequestType<NewDocParams, NewDocResult, void>('designDoc/newDocument');

/**
 * What the server last published for an open document. For tests that must wait on the
 * server's state, not on time (the client's `designDoc.checkState` command; README "Testing").
 */
export interface CheckState {
	/** The document's version as the server has it; undefined for a document it does not know. */
	readonly version: number | undefined;
	/** The diagnostics last published: for which version, how many, and whether a full check made them (not only the structural check). */
	readonly published: { readonly version: number; readonly count: number; readonly full: boolean } | undefined;
	/** A check of the document is scheduled or under way: more diagnostics are coming. */
	readonly busy: boolean;
}

export const checkStateRequest = new RequestType<{ readonly textDocument: { readonly uri: string } }, CheckState, void>('designDoc/checkState');

/**
 * File access the server asks of the client, which answers through `vscode.workspace.fs`:
 * how the server reads workspaces it cannot reach itself (every workspace in VS Code for
 * the Web; virtual ones such as `vscode-vfs:` anywhere). Each mirrors a method of
 * server/src/files/fileSystem.ts; `null` stands for undefined, which JSON lacks.
 */
export interface FileRequestParams {
	readonly uri: string;
}

export interface ReadTextParams extends FileRequestParams {
	readonly maxBytes: number;
}

export const fileStatRequest = new RequestType<FileRequestParams, FileStat | null, void>('designDoc/fs/stat');
export const readDirectoryRequest = new RequestType<FileRequestParams, [name: string, kind: FileKind][], void>('designDoc/fs/readDirectory');
export const readTextRequest = new RequestType<ReadTextParams, ReadResult, void>('designDoc/fs/readText');
export const realUriRequest = new RequestType<FileRequestParams, string | null, void>('designDoc/fs/realUri');

export interface FindFilesParams {
	/** The workspace folder to search. */
	readonly folder: string;
	/** Globs relative to it: a file matching any is listed... */
	readonly include: readonly string[];
	/** ...unless it matches one of these. */
	readonly exclude: readonly string[];
}

/** The editor's own file search (`workspace.findFiles`): how the index finds design docs without walking a virtual tree request by request. */
export const findFilesRequest = new RequestType<FindFilesParams, string[], void>('designDoc/findFiles');

/**
 * The index of statuses of a server with no file system of its own (VS Code for the Web), kept
 * by the client in the extension's storage through `vscode.workspace.fs`: the server names no
 * file, so it can write nothing else. `load` answers null when there is none yet.
 */
export const loadStatusIndexRequest = new RequestType0<string | null, void>('designDoc/statusIndex/load');
export const saveStatusIndexRequest = new RequestType<{ readonly text: string }, void, void>('designDoc/statusIndex/save');
