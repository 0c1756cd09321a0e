import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { type FileKind, type FileStat, type FileSystem, type ReadResult, tooBig } from './fileSystem';

/**
 * Kernel interfaces: files there report size 0, and reading some of them
 * (`/proc/kmsg`) blocks forever. No design doc or template lives there.
 */
const systemFolders = ['/proc/', '/sys/', '/dev/'];

/** `node:fs` for `file:` URIs; other schemes do not exist here. */
export const nodeFileSystem: FileSystem = {
	async stat(uri) {
		const path = pathOf(uri);
		if (path === undefined) {
			return undefined;
		}
		try {
			const stats = await stat(path);
			return { kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other', size: stats.size, mtime: stats.mtimeMs } satisfies FileStat;
		} catch {
			return undefined;
		}
	},

	async readDirectory(uri) {
		const path = pathOf(uri);
		if (path === undefined) {
			return [];
		}
		try {
			const entries = await readdir(path, { withFileTypes: true });
			return Promise.all(
				entries.map(async (entry): Promise<[string, FileKind]> => {
					if (entry.isSymbolicLink()) {
						const target = await nodeFileSystem.stat(URI.file(join(path, entry.name)).toString());
						return [entry.name, target?.kind ?? 'other'];
					}
					return [entry.name, entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other'];
				}),
			);
		} catch {
			return [];
		}
	},

	async readText(uri, maxBytes) {
		const path = pathOf(uri);
		if (path === undefined) {
			return { problem: 'it is not a file on this computer' };
		}
		return readRegularFile(path, maxBytes);
	},

	async realUri(uri) {
		const path = pathOf(uri);
		if (path === undefined) {
			return undefined;
		}
		try {
			return URI.file(await realpath(path)).toString();
		} catch {
			return undefined;
		}
	},
};

/**
 * Opens first and asks the open file what it is, so nothing can be swapped in
 * between the check and the read. O_NONBLOCK: opening a FIFO with no writer
 * returns at once instead of hanging (and it is then refused as not a file).
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<ReadResult> {
	let real: string;
	try {
		real = await realpath(path);
	} catch (error) {
		return { problem: describeError(error) };
	}
	if (systemFolders.some((folder) => real.startsWith(folder))) {
		return { problem: 'it is a system file, not a document' };
	}
	let handle;
	try {
		handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		return { problem: describeError(error) };
	}
	try {
		const stats = await handle.stat();
		if (stats.isDirectory()) {
			return { problem: 'it is a folder' };
		}
		if (!stats.isFile()) {
			return { problem: `it is ${stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket' : 'a device'}, not a file` };
		}
		if (stats.size > maxBytes) {
			return { problem: tooBig(stats.size, maxBytes) };
		}
		// Read at most one byte past the cap: a file that reports a wrong size (or grows) is still bounded.
		let buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
		let length = 0;
		for (;;) {
			if (length === buffer.length) {
				if (length > maxBytes) {
					return { problem: tooBig(length, maxBytes) };
				}
				const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
				buffer.copy(grown);
				buffer = grown;
			}
			const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
			if (bytesRead === 0) {
				return { text: buffer.subarray(0, length).toString('utf8'), stamp: `${stats.size}:${stats.mtimeMs}` };
			}
			length += bytesRead;
		}
	} catch (error) {
		return { problem: describeError(error) };
	} finally {
		await handle.close();
	}
}

function pathOf(uri: string): string | undefined {
	const parsed = URI.parse(uri);
	return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export function describeError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT':
			return 'it does not exist';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'it is a folder';
		case 'EAGAIN':
			return 'it cannot be read without waiting (not a regular file)';
		case 'ELOOP':
			return 'it is a loop of symbolic links';
		default:
			return error instanceof Error ? error.message : String(error);
	}
}
