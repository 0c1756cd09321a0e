/**
 * Everything the server and the CLI read from a workspace goes through this
 * one asynchronous interface: `node:fs` in Node (nodeFileSystem.ts), the
 * client's `workspace.fs` in the browser. URIs are strings, as LSP sends them,
 * of any scheme.
 */
export type FileKind = 'file' | 'directory' | 'other';

export interface FileStat {
	readonly kind: FileKind;
	readonly size: number;
	/** Modification time in ms; with the size, what caches are keyed on. */
	readonly mtime: number;
}

/** A file's text, or why it was not read, in words a user understands ("it is a FIFO, not a file"). */
export type ReadResult = { readonly text: string; readonly stamp: string } | { readonly problem: string };

export interface FileSystem {
	/** Undefined when nothing is there (or it cannot be seen). Follows symbolic links. */
	stat(uri: string): Promise<FileStat | undefined>;
	/** The entries of a folder, by name; empty when it cannot be read. Symbolic links report what they point to. */
	readDirectory(uri: string): Promise<[name: string, kind: FileKind][]>;
	/**
	 * A regular file's text as UTF-8 (a BOM kept), read without blocking and never
	 * more than `maxBytes`: folders, FIFOs, devices, system files and bigger files are refused.
	 */
	readText(uri: string, maxBytes: number): Promise<ReadResult>;
	/**
	 * The URI with every symbolic link resolved, undefined when it does not exist.
	 * On schemes without links (most virtual file systems) the URI itself.
	 * `unknownLinkTarget` when a link is on the way but where it leads cannot be
	 * known (through `vscode.workspace.fs`).
	 */
	realUri(uri: string): Promise<string | undefined>;
}

/** Why a file over the cap was not read, in the same words whoever reads it. */
export function tooBig(size: number, maxBytes: number): string {
	return `it is ${Math.ceil(size / 1024)} KB or more, over the ${Math.floor(maxBytes / 1024)} KB limit`;
}

/**
 * The real URI of a path through a link whose target cannot be read. Not a URI
 * of any workspace, so confinement treats it as outside every one.
 */
export const unknownLinkTarget = 'unknown-link-target:';
