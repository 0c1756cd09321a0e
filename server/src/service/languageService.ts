import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isDesignDoc } from './designDocs';
import { parseMarkdown } from './markdown';
import { DocOutline, outline } from './outline';
import type { DesignDocSettings } from './settings';
import type { TemplateModel } from './template';
import { findings, toDiagnostics } from './validate';

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
}

export interface CheckResult {
	/** False for Markdown that is not a design doc (and for the template itself): no diagnostics then. */
	readonly isDesignDoc: boolean;
	readonly outline: DocOutline;
	readonly diagnostics: Diagnostic[];
}

/** The whole check of one document: parse once, outline once, every rule over the outline. */
export function checkDocument(document: TextDocument, options: CheckOptions): CheckResult {
	const doc = outline(parseMarkdown(document.getText()), options.template);
	const fileName = options.relativePath?.split('/').pop();
	const designDoc =
		fileName !== options.settings.templateFileName &&
		(options.force === true || isDesignDoc(doc, options.relativePath, options.settings));
	return {
		isDesignDoc: designDoc,
		outline: doc,
		diagnostics: designDoc ? toDiagnostics(document, findings(doc, { fileName }), options.settings) : [],
	};
}
