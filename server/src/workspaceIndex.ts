import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { DocStatusReport } from './protocol';
import { isExcluded } from './service/designDocs';
import type { NumberedDoc } from './service/duplicateNumber';
import type { DesignDocSettings } from './service/settings';
import type { DocStatus } from './service/status';
import { describeStatus } from './service/describeStatus';
import { confine } from './files/confine';
import type { FileSystem } from './files/fileSystem';
import { isInside } from './files/isInside';

/** Files bigger than this are not read for the overview; nobody writes a design doc that long. */
export const maxIndexedBytes = 5 * 1024 * 1024;
const skippedFolders = new Set(['node_modules', '.git']);

export interface IndexHost {
	/** Every read goes through it: regular files only, capped, never blocking. */
	readonly fs: FileSystem;
	/** How many files to have in flight while indexing: one more than the workers parsing them, so none waits for a read. */
	readonly lanes: number;
	/** Workspace folders, as file system paths. */
	folders(): readonly string[];
	settings(folder: string): Promise<DesignDocSettings>;
	/** The editor's text of an open document, which wins over the file on disk. */
	openDocument(uri: string): TextDocument | undefined;
	/** The review status of a file's text; undefined when it is not a design doc. */
	status(document: TextDocument, path: string, root: string, settings: DesignDocSettings): Promise<DocStatus | undefined>;
}

interface Entry extends NumberedDoc {
	readonly report: DocStatusReport;
}

/**
 * Every design doc under the workspace folders, opened or not, reduced to its
 * status. Statuses come from the service worker, so no parse tree and no
 * slice of a file's text is kept here: a large repository costs little memory.
 */
export class WorkspaceIndex {
	private readonly entries = new Map<string, Entry>();
	/** Template files met while scanning, per folder path: New Design Doc writes beside them. */
	private readonly templateFolders = new Set<string>();

	constructor(private readonly host: IndexHost) {}

	/** Reads every Markdown file of every workspace folder. */
	async rebuild(): Promise<void> {
		this.entries.clear();
		this.templateFolders.clear();
		for (const root of this.host.folders()) {
			const settings = await this.host.settings(root);
			const files = await markdownFiles(root, root, settings);
			for (const path of files.filter((file) => basename(file) === settings.templateFileName)) {
				this.templateFolders.add(dirname(path));
			}
			// Workers parse while the next files are read and sent, and the server's thread
			// stays free for the editor's requests in between.
			const next = files.values();
			const lane = async () => {
				for (let item = next.next(); !item.done; item = next.next()) {
					await this.read(URI.file(item.value).toString(), item.value, root, settings);
				}
			};
			await Promise.all(Array.from({ length: this.host.lanes }, lane));
		}
	}

	/** Re-reads the given files (from the editor if open); a file that is gone leaves the index. */
	async update(uris: Iterable<string>): Promise<void> {
		for (const uri of uris) {
			const parsed = URI.parse(uri);
			const root = parsed.scheme === 'file' ? this.rootOf(parsed.fsPath) : undefined;
			if (!root) {
				continue;
			}
			const settings = await this.host.settings(root);
			if (!/\.md$/i.test(parsed.fsPath) || isExcluded(relativePath(root, parsed.fsPath), settings)) {
				this.entries.delete(uri);
				continue;
			}
			await this.read(uri, parsed.fsPath, root, settings);
		}
	}

	/**
	 * Takes an open document's status as the server just computed it, without
	 * reading anything. True when the overview changed: most keystrokes leave a
	 * doc's status as it was, and then the client need not hear of it.
	 */
	set(uri: string, status: DocStatus | undefined): boolean {
		const before = this.entries.get(uri);
		if (!status) {
			return this.entries.delete(uri);
		}
		const parsed = URI.parse(uri);
		const root = parsed.scheme === 'file' ? this.rootOf(parsed.fsPath) : undefined;
		const path = root ? relativePath(root, parsed.fsPath) : uri;
		const folder = parsed.scheme === 'file' ? dirname(parsed.fsPath) : '';
		const entry = { uri, folder, fileName: basename(parsed.path), report: report(uri, path, status) };
		this.entries.set(uri, entry);
		return JSON.stringify(before?.report) !== JSON.stringify(entry.report);
	}

	/** Drop an open document that is not on disk (untitled), once closed. */
	forget(uri: string): void {
		this.entries.delete(uri);
	}

	reports(): DocStatusReport[] {
		return [...this.entries.values()].map((entry) => entry.report).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}

	/** Docs on disk, for `duplicate-number`. */
	numbered(): NumberedDoc[] {
		return [...this.entries.values()].filter((entry) => entry.folder !== '');
	}

	/**
	 * Where New Design Doc writes: the `docsFolder` setting, else the folder of
	 * the template, else the folder holding the most docs, else `docs/design-docs`.
	 */
	docsFolder(root: string, settings: DesignDocSettings): string {
		if (settings.docsFolder) {
			return join(root, settings.docsFolder);
		}
		if (settings.template) {
			return dirname(join(root, settings.template));
		}
		const templateFolder = [...this.templateFolders].find((folder) => this.rootOf(folder) === root);
		if (templateFolder) {
			return templateFolder;
		}
		const counts = new Map<string, number>();
		for (const entry of this.numbered().filter((candidate) => this.rootOf(candidate.folder) === root)) {
			counts.set(entry.folder, (counts.get(entry.folder) ?? 0) + 1);
		}
		const busiest = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
		return busiest ? busiest[0] : join(root, 'docs', 'design-docs');
	}

	rootOf(path: string): string | undefined {
		return this.host
			.folders()
			.filter((folder) => isInside(path, folder))
			.sort((a, b) => b.length - a.length)[0];
	}

	private async read(uri: string, path: string, root: string, settings: DesignDocSettings): Promise<void> {
		let document = this.host.openDocument(uri);
		if (!document) {
			// A file event may name a link: it is read only if it stays inside the workspace folder.
			const confined = await confine(this.host.fs, uri, URI.file(root).toString());
			const read = 'problem' in confined ? confined : await this.host.fs.readText(confined.uri, maxIndexedBytes);
			if ('problem' in read) {
				// Deleted, unreadable or not a file since it was listed: it is not a doc any more.
				this.entries.delete(uri);
				return;
			}
			document = TextDocument.create(uri, 'markdown', 0, read.text.replace(/^\uFEFF/, ''));
		}
		const status = await this.host.status(document, path, root, settings);
		if (!status) {
			this.entries.delete(uri);
			return;
		}
		this.entries.set(uri, { uri, folder: dirname(path), fileName: basename(path), report: report(uri, relativePath(root, path), status) });
	}
}

function report(uri: string, path: string, status: DocStatus): DocStatusReport {
	return { ...status, uri, path, description: describeStatus(status) };
}

function relativePath(root: string, path: string): string {
	return relative(root, path).split(/[/\\]/).join('/');
}

async function markdownFiles(folder: string, root: string, settings: DesignDocSettings): Promise<string[]> {
	let entries;
	try {
		entries = await readdir(folder, { withFileTypes: true });
	} catch {
		return [];
	}
	const files: string[] = [];
	for (const entry of entries) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) {
			if (!skippedFolders.has(entry.name) && !isExcluded(`${relativePath(root, path)}/`, settings)) {
				files.push(...(await markdownFiles(path, root, settings)));
			}
		} else if (entry.isFile() && /\.md$/i.test(entry.name) && !isExcluded(relativePath(root, path), settings)) {
			files.push(path);
		}
	}
	return files;
}
