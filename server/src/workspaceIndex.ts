import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import type { MarkdownFinder } from './markdownFiles';
import type { DocStatusReport } from './protocol';
import { isExcluded } from './service/designDocs';
import type { NumberedDoc } from './service/duplicateNumber';
import type { DesignDocSettings } from './service/settings';
import type { DocStatus } from './service/status';
import { describeStatus } from './service/describeStatus';
import { confine, isInsideUri, relativeTo } from './files/confine';
import type { FileSystem } from './files/fileSystem';
import { joinPath, parentOf } from './templates';

/** Files bigger than this are not read for the overview; nobody writes a design doc that long. */
export const maxIndexedBytes = 5 * 1024 * 1024;

export interface IndexHost {
	/** Every read goes through it: regular files only, capped, never blocking. */
	readonly fs: FileSystem;
	/** How many files to have in flight while indexing: a few per worker, so reads and hashes (each a trip to the I/O threads) overlap and no worker waits for one. */
	readonly lanes: number;
	/** Where the Markdown files of a workspace folder are. */
	readonly find: MarkdownFinder;
	/** Workspace folders, as URIs of any scheme. */
	folders(): readonly string[];
	settings(folder: string): Promise<DesignDocSettings>;
	/** The editor's text of an open document, which wins over the file on disk. */
	openDocument(uri: string): TextDocument | undefined;
	/** The review status of a file's text; undefined when it is not a design doc. */
	status(document: TextDocument, root: string, settings: DesignDocSettings): Promise<DocStatus | undefined>;
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
	/** Folders of the template files met while scanning (URIs): New Design Doc writes beside them. */
	private readonly templateFolders = new Set<string>();

	constructor(private readonly host: IndexHost) {}

	/** Reads every Markdown file of every workspace folder. */
	async rebuild(): Promise<void> {
		this.entries.clear();
		this.templateFolders.clear();
		for (const root of this.host.folders()) {
			const settings = await this.host.settings(root);
			const files = (await this.host.find(root, settings)).filter((uri) => isInsideUri(uri, root) && !isExcluded(relativeTo(uri, root)!, settings));
			for (const uri of files.filter((file) => fileNameOf(file) === settings.templateFileName)) {
				this.templateFolders.add(parentOf(uri));
			}
			// Workers parse while the next files are read and sent, and the server's thread
			// stays free for the editor's requests in between.
			const next = files.values();
			const lane = async () => {
				for (let item = next.next(); !item.done; item = next.next()) {
					await this.read(item.value, root, settings);
				}
			};
			await Promise.all(Array.from({ length: this.host.lanes }, lane));
		}
	}

	/** Re-reads the given files (from the editor if open); a file that is gone leaves the index. */
	async update(uris: Iterable<string>): Promise<void> {
		for (const uri of uris) {
			const root = this.rootOf(uri);
			if (!root) {
				continue;
			}
			const settings = await this.host.settings(root);
			if (!/\.md$/i.test(uri) || isExcluded(relativeTo(uri, root)!, settings)) {
				this.entries.delete(uri);
				continue;
			}
			await this.read(uri, root, settings);
		}
	}

	/**
	 * Takes an open document's status as the server just computed it, without
	 * reading anything. True when the overview changed: most keystrokes leave a
	 * doc's status as it was, and then the client need not hear of it.
	 */
	set(uri: string, status: DocStatus | undefined): boolean {
		const before = this.entries.get(uri);
		const root = this.rootOf(uri);
		// Outside the workspace folders only docs being written are listed: not the old side of a diff (`git:`).
		if (!status || (!root && !/^(untitled|file):/.test(uri))) {
			return this.entries.delete(uri);
		}
		// A doc outside every workspace folder (untitled, a file opened on its own) has no folder of docs.
		const entry = { uri, folder: root ? parentOf(uri) : '', fileName: fileNameOf(uri), report: report(uri, root ? relativeTo(uri, root)! : uri, status) };
		this.entries.set(uri, entry);
		return JSON.stringify(before?.report) !== JSON.stringify(entry.report);
	}

	/** Drop an open document that is not in a workspace folder (untitled), once closed. */
	forget(uri: string): void {
		this.entries.delete(uri);
	}

	reports(): DocStatusReport[] {
		return [...this.entries.values()].map((entry) => entry.report).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}

	/** Docs in workspace folders, for `duplicate-number`. */
	numbered(): NumberedDoc[] {
		return [...this.entries.values()].filter((entry) => entry.folder !== '');
	}

	/**
	 * Where New Design Doc writes: the `docsFolder` setting, else the folder of
	 * the template, else the folder holding the most docs, else `docs/design-docs`.
	 */
	docsFolder(root: string, settings: DesignDocSettings): string {
		if (settings.docsFolder) {
			return joinPath(root, settings.docsFolder);
		}
		if (settings.template) {
			return parentOf(joinPath(root, settings.template));
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
		return busiest ? busiest[0] : joinPath(root, 'docs/design-docs');
	}

	/** The innermost workspace folder holding `uri`. */
	rootOf(uri: string): string | undefined {
		return this.host
			.folders()
			.filter((folder) => isInsideUri(uri, folder))
			.sort((a, b) => b.length - a.length)[0];
	}

	private async read(uri: string, root: string, settings: DesignDocSettings): Promise<void> {
		let document = this.host.openDocument(uri);
		if (!document) {
			// A file event may name a link: it is read only if it stays inside the workspace folder.
			const confined = await confine(this.host.fs, uri, root);
			const read = 'problem' in confined ? confined : await this.host.fs.readText(confined.uri, maxIndexedBytes);
			if ('problem' in read) {
				// Deleted, unreadable or not a file since it was listed: it is not a doc any more.
				this.entries.delete(uri);
				return;
			}
			document = TextDocument.create(uri, 'markdown', 0, read.text.replace(/^\uFEFF/, ''));
		}
		const status = await this.host.status(document, root, settings);
		if (!status) {
			this.entries.delete(uri);
			return;
		}
		this.entries.set(uri, { uri, folder: parentOf(uri), fileName: fileNameOf(uri), report: report(uri, relativeTo(uri, root)!, status) });
	}
}

function report(uri: string, path: string, status: DocStatus): DocStatusReport {
	return { ...status, uri, path, description: describeStatus(status) };
}

function fileNameOf(uri: string): string {
	return Utils.basename(URI.parse(uri));
}
