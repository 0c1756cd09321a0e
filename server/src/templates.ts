import { URI, Utils } from 'vscode-uri';
import bundledTemplateText from '../templates/kpt-design-doc-template.md';
import { confine, isInsideUri } from './files/confine';
import type { FileSystem } from './files/fileSystem';
import { scanHeadings } from './service/lineScan';
import type { DesignDocSettings } from './service/settings';
import type { TemplateSource } from './service/templateModels';

/** The template a doc is checked against, and why, for messages. */
export interface ResolvedTemplate extends TemplateSource {
	/** The template file's URI, links resolved; undefined for the bundled template. */
	readonly uri: string | undefined;
	/** Set when a configured or discovered template could not be used and the bundled one stands in. */
	readonly problem?: string;
	/** The unusable template file, when it is a file of the workspace: the problem is shown on it too. */
	readonly problemUri?: string;
}

/** Templates bigger than this are not templates; reading them would only cost memory. */
export const maxTemplateBytes = 1024 * 1024;
/**
 * Rules compare every heading of a doc with the template's sections; a
 * template of thousands of sections is not one a person writes from, and
 * would make every check slow.
 */
export const maxTemplateSections = 200;

export const bundledTemplate: ResolvedTemplate = {
	key: 'bundled',
	text: bundledTemplateText,
	source: 'the bundled kpt template',
	uri: undefined,
};

/**
 * Resolves and reads template files through the workspace's file system,
 * re-reading one only when its size or modification time changed, so
 * resolving per keystroke costs a `stat`.
 */
export class TemplateCache {
	private readonly entries = new Map<string, { stamp: string; template: ResolvedTemplate }>();

	constructor(private readonly fs: FileSystem) {}

	/**
	 * The template for a doc: the `template` setting (relative to the workspace
	 * folder `root`), else a `templateFileName` in the doc's folder or the
	 * nearest one above it inside `root`, else the bundled kpt template. Every
	 * path the workspace names must stay inside `root` once links are followed;
	 * a doc outside any workspace folder is confined to its own folder.
	 * `explicit` is a template the user named on a command line: trusted as given.
	 */
	async resolve(docUri: string | undefined, root: string | undefined, settings: DesignDocSettings, explicit?: string): Promise<ResolvedTemplate> {
		if (explicit) {
			return this.load(explicit);
		}
		if (settings.template) {
			return this.fromSetting(settings.template, root);
		}
		const fileName = settings.templateFileName;
		if (!isPlainFileName(fileName)) {
			return refused(`Cannot look for the template "${fileName}" named by the designDoc.templateFileName setting: it must be a file name, not a path`);
		}
		if (!docUri) {
			return bundledTemplate;
		}
		const folder = parentOf(docUri);
		const boundary = root !== undefined && isInsideUri(docUri, root) ? root : folder;
		const found = await this.findUpwards(folder, boundary, fileName);
		if (!found) {
			return bundledTemplate;
		}
		const confined = await confine(this.fs, found, boundary);
		if ('problem' in confined) {
			return refused(`Cannot use the template ${displayName(found)}: ${confined.problem}`, found);
		}
		return this.load(confined.uri);
	}

	/** Forget a file, after the client reports it changed. */
	invalidate(uri: string): void {
		this.entries.delete(uri);
	}

	private async fromSetting(setting: string, root: string | undefined): Promise<ResolvedTemplate> {
		const refuse = (why: string) => refused(`Cannot use the template "${setting}" from the designDoc.template setting: ${why}`);
		if (!/\.md$/i.test(setting)) {
			return refuse('a template must be a Markdown file ending in .md');
		}
		if (root === undefined) {
			return refuse('the doc is not in a workspace folder to look for it in');
		}
		const confined = await confine(this.fs, joinPath(root, setting), root);
		return 'problem' in confined ? refuse(confined.problem) : this.load(confined.uri);
	}

	private async findUpwards(folder: string, boundary: string, fileName: string): Promise<string | undefined> {
		for (let current = folder; ; ) {
			const candidate = joinPath(current, fileName);
			if ((await this.fs.stat(candidate)) !== undefined) {
				return candidate;
			}
			const parent = parentOf(current);
			if (parent === current || !isInsideUri(parent, boundary)) {
				return undefined;
			}
			current = parent;
		}
	}

	private async load(uri: string): Promise<ResolvedTemplate> {
		const stats = await this.fs.stat(uri);
		const cached = this.entries.get(uri);
		if (stats && cached?.stamp === `${stats.size}:${stats.mtime}`) {
			return cached.template;
		}
		const read = await this.fs.readText(uri, maxTemplateBytes);
		if ('problem' in read) {
			return refused(`Cannot use the template ${displayName(uri)}: ${read.problem}`, stats ? uri : undefined);
		}
		const template = parse(uri, read.text, read.stamp);
		this.entries.set(uri, { stamp: read.stamp, template });
		return template;
	}
}

function parse(uri: string, text: string, stamp: string): ResolvedTemplate {
	const unusable = (reason: string) => refused(`Cannot use the template ${displayName(uri)}: ${reason}`, uri);
	if (text.includes('\u0000')) {
		return unusable('it is not a text file');
	}
	if (text.trim() === '') {
		return unusable('it is empty');
	}
	// Parsing is the worker's job; a line scan is enough to tell a template from anything else.
	const sections = scanHeadings(text).filter((heading) => heading.depth === 2).length;
	if (sections === 0) {
		return unusable('it has no "##" section headings');
	}
	if (sections > maxTemplateSections) {
		return unusable(`it has ${sections} "##" sections, more than the ${maxTemplateSections} a template may have`);
	}
	return { key: `${uri}@${stamp}`, text, source: displayName(uri), uri };
}

function refused(problem: string, problemUri?: string): ResolvedTemplate {
	return { ...bundledTemplate, problem: `${problem}. Using the bundled kpt template instead.`, ...(problemUri ? { problemUri } : {}) };
}

function isPlainFileName(name: string): boolean {
	return name !== '.' && name !== '..' && !/[/\\]/.test(name);
}

/** A path relative to a folder URI, or an absolute path, as a URI. */
export function joinPath(folder: string, path: string): string {
	if (/^([a-zA-Z]:)?[/\\]/.test(path)) {
		return URI.parse(folder).with({ path: URI.file(path).path }).toString();
	}
	return Utils.joinPath(URI.parse(folder), path.replace(/\\/g, '/')).toString();
}

export function parentOf(uri: string): string {
	return Utils.dirname(URI.parse(uri)).toString();
}

/** How a file is named in messages: its path for `file:` URIs, else the URI. */
export function displayName(uri: string): string {
	const parsed = URI.parse(uri);
	return parsed.scheme === 'file' ? parsed.fsPath : uri;
}
