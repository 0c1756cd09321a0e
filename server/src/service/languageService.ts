import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isDesignDoc } from './designDocs';
import { IncrementalParser } from './incremental';
import { docFolderName } from './names';
import type { ParsedMarkdown } from './markdown';
import { DocOutline, outline } from './outline';
import type { DesignDocSettings } from './settings';
import { DocStatus, docStatus } from './status';
import type { TemplateModel } from './template';
import { toDiagnostics } from './diagnostics';
import { applySuppressions } from './suppressions';
import { findings } from './validate';

export interface CheckOptions {
	readonly template: TemplateModel;
	readonly settings: DesignDocSettings;
	/**
	 * Workspace-relative path (`/` separators) of a file on disk; undefined for
	 * untitled and virtual documents, which are recognised by content alone and
	 * have no file name to check.
	 */
	readonly relativePath?: string | undefined;
	/** Check even if the document does not look like a design doc (a file named on the CLI). */
	readonly force?: boolean;
	/** URI of the folder of code pages (ending in `/`): each diagnostic links its code's page. */
	readonly codeDocs?: string | undefined;
	/** Reuses the unchanged pieces of the last version of an open document; a fresh `IncrementalParser` by default. */
	readonly parser?: { parse(text: string): ParsedMarkdown };
}

export interface CheckResult {
	/** False for Markdown that is not a design doc (and for the template itself): no diagnostics then. */
	readonly isDesignDoc: boolean;
	readonly outline: DocOutline;
	readonly diagnostics: Diagnostic[];
	/** The review status; undefined when it is not a design doc. */
	readonly status: DocStatus | undefined;
}

/** The whole check of one document: parse once, outline once, every rule over the outline. */
export function checkDocument(document: TextDocument, options: CheckOptions): CheckResult {
	const text = document.getText();
	// Pieces parse faster than the whole text even the first time (remark is super-linear).
	const doc = outline((options.parser ?? new IncrementalParser()).parse(text), options.template, options.settings.headingSynonyms);
	const fileName = options.relativePath?.split('/').pop();
	const designDoc =
		fileName !== options.settings.templateFileName &&
		(options.force === true || isDesignDoc(doc, options.relativePath, options.settings));
	if (!designDoc) {
		return { isDesignDoc: false, outline: doc, diagnostics: [], status: undefined };
	}
	const folderName = docFolderName(options.relativePath);
	const found = applySuppressions(doc.md, findings(doc, { fileName, folderName }));
	// A title still the template's placeholder names no doc: its file name (or folder) does, as the author chose it.
	const fallbackTitle = folderName ?? fileName ?? 'Untitled';
	return {
		isDesignDoc: true,
		outline: doc,
		diagnostics: toDiagnostics(document, found, options.settings, options.codeDocs),
		status: docStatus(doc, found, fallbackTitle, (offset) => document.positionAt(offset).line),
	};
}
