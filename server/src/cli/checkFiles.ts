import { basename, dirname, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { checkInWorker, structuralReply } from '../checkInWorker';
import { nodeFileSystem } from '../files/nodeFileSystem';
import { docNumber, duplicateNumberDiagnostics, type NumberedDoc } from '../service/duplicateNumber';
import type { DesignDocSettings } from '../service/settings';
import type { DocStatus } from '../service/status';
import { isInside } from '../files/isInside';
import { ServicePool } from '../servicePool';
import { type ResolvedTemplate, TemplateCache } from '../templates';
import type { CheckReply } from '../worker/messages';
import { maxIndexedBytes } from '../workspaceIndex';
import { nodeWorkers } from '../worker/nodeWorkers';
import type { DocFile } from './collect';
import { checkFailedCode } from './report';

/** One file, checked. */
export interface DocResult {
	readonly path: string;
	readonly isDesignDoc: boolean;
	readonly diagnostics: Diagnostic[];
	readonly status: DocStatus | undefined;
	/** It could not be read, or the checker failed on it: its one finding says why. */
	readonly failed: boolean;
	/** Kept only for a doc whose number another file of its folder shares: what `duplicate-number` needs. */
	readonly numbered?: { readonly document: TextDocument; readonly anchor: CheckReply['anchor'] };
}

export interface CheckContext {
	/** The working folder: the workspace folder the templates and globs are relative to. */
	readonly cwd: string;
	readonly settings: DesignDocSettings;
	/** The URI of a template named on the command line, for every doc. */
	readonly explicitTemplate: string | undefined;
	/** A template that cannot be used (said once per problem). */
	readonly warn: (problem: string) => void;
}

/**
 * Checks files as the server checks docs: in a worker with the time budget,
 * with the structural fallback. `workers` docs are parsed at once; a worker is
 * replaced when a doc runs over or crashes it.
 */
export class FileChecker {
	private readonly pool: ServicePool;
	private readonly templates = new TemplateCache(nodeFileSystem);
	/** A doc's template depends only on its folder, and a run sees one state of the files: looked up once per folder. */
	private readonly templateByFolder = new Map<string, Promise<ResolvedTemplate>>();
	private readonly root: string;
	private readonly problems = new Set<string>();

	constructor(
		private readonly context: CheckContext,
		workers: number,
		workerScript: string,
	) {
		this.pool = new ServicePool(nodeWorkers(workerScript), () => undefined, workers);
		this.root = URI.file(context.cwd).toString();
	}

	async check({ path, explicit }: DocFile, keepDocument: boolean): Promise<DocResult> {
		const { cwd, settings, explicitTemplate } = this.context;
		const uri = URI.file(path).toString();
		const folder = dirname(path);
		let resolving = this.templateByFolder.get(folder);
		if (!resolving) {
			resolving = this.templates.resolve(uri, this.root, settings, explicitTemplate);
			this.templateByFolder.set(folder, resolving);
		}
		const template = await resolving;
		if (template.problem && !this.problems.has(template.problem)) {
			this.problems.add(template.problem);
			this.context.warn(template.problem);
		}
		if (template.uri === uri || basename(path) === settings.templateFileName) {
			// A template is not a doc: it is full of placeholders by design. Not even read.
			return { path, isDesignDoc: false, diagnostics: [], status: undefined, failed: false };
		}
		const read = await nodeFileSystem.readText(uri, maxIndexedBytes);
		if ('problem' in read) {
			return failed(path, `Could not read this doc: ${read.problem}.`);
		}
		// Like VS Code, drop a BOM so positions match what the editor shows.
		const document = TextDocument.create(uri, 'markdown', 1, read.text.replace(/^\uFEFF/, ''));
		const relativePath = (isInside(path, cwd) ? relative(cwd, path) : path).split(/[/\\]/).join('/');
		const { key, text, source } = template;
		const outcome = await checkInWorker(
			this.pool,
			{
				kind: 'check',
				uri,
				version: document.version,
				text: document.getText(),
				template: { key, text, source },
				settings,
				relativePath,
				keep: false,
				force: explicit,
				editorActions: false,
			},
			settings.validationTimeoutMs,
			'',
		);
		if (outcome.kind === 'failed') {
			return failed(path, `The checker failed on this doc (${firstLine(outcome.error)}); the other docs were checked. Please report it.`);
		}
		const reply =
			outcome.kind === 'checked'
				? outcome.reply
				: structuralReply(document, text, settings, relativePath, outcome.kind === 'tooBig' ? outcome.reason : `checking it took more than the ${settings.validationTimeoutMs} ms of work set in validationTimeoutMs`, explicit);
		return {
			path,
			isDesignDoc: reply.isDesignDoc,
			diagnostics: reply.diagnostics,
			status: reply.status,
			failed: false,
			...(keepDocument && reply.isDesignDoc ? { numbered: { document, anchor: reply.anchor } } : {}),
		};
	}

	dispose(): void {
		this.pool.dispose();
	}
}

function failed(path: string, message: string): DocResult {
	const diagnostic: Diagnostic = {
		range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
		severity: DiagnosticSeverity.Error,
		code: checkFailedCode,
		source: 'design-doc',
		message,
	};
	return { path, isDesignDoc: true, diagnostics: [diagnostic], status: undefined, failed: true };
}

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0]!.replace(/\.$/, '');
}

export function displayPath(path: string, cwd: string): string {
	return relative(cwd, path).split(/[/\\]/).join('/') || path;
}

/** Files numbered alike in one folder: only these can clash. */
function numberKey(path: string): string | undefined {
	const number = docNumber(basename(path));
	return number === undefined ? undefined : `${dirname(path)}\u0000${number}`;
}

/**
 * The files reordered so those sharing a folder and a number are next to each
 * other (the first of them keeps its place), and for each the index of the last
 * file of its group: `duplicate-number` is decided once a group is checked.
 */
export function groupByNumber(files: readonly DocFile[]): { files: DocFile[]; groupEnd: number[] } {
	const groups = new Map<string, DocFile[]>();
	for (const file of files) {
		const key = numberKey(file.path);
		const group = key === undefined ? undefined : groups.get(key);
		if (group) {
			group.push(file);
		} else if (key !== undefined) {
			groups.set(key, [file]);
		}
	}
	const ordered: DocFile[] = [];
	const groupEnd: number[] = [];
	for (const file of files) {
		const key = numberKey(file.path);
		const group = key === undefined ? [file] : groups.get(key);
		if (!group) {
			continue;
		}
		if (key !== undefined) {
			groups.delete(key);
		}
		const end = ordered.length + group.length - 1;
		for (const member of group) {
			ordered.push(member);
			groupEnd.push(end);
		}
	}
	return { files: ordered, groupEnd };
}

/** The server's `duplicate-number` over one group of checked files: every doc that shares its number with another doc. */
export function withDuplicateNumbers(group: readonly DocResult[], settings: DesignDocSettings): DocResult[] {
	if (group.length < 2) {
		return [...group];
	}
	const numbered = group.flatMap((result): (NumberedDoc & { result: DocResult })[] =>
		result.numbered ? [{ uri: result.numbered.document.uri, folder: dirname(result.path), fileName: basename(result.path), result }] : [],
	);
	return group.map((result) => {
		const self = numbered.find((doc) => doc.result === result);
		if (!self || !result.numbered) {
			return result;
		}
		const { document, anchor } = result.numbered;
		return { ...result, diagnostics: [...result.diagnostics, ...duplicateNumberDiagnostics(document, self, numbered, anchor, settings)] };
	});
}
