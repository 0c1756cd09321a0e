import type { DiagnosticCode } from './codes';
import type { DocOutline } from './outline';

/**
 * What a rule reports, in offsets into the text. `validate` turns findings into
 * LSP diagnostics; `data` carries what a fix needs, so fixes never re-derive it.
 */
export interface Finding {
	readonly code: DiagnosticCode;
	readonly message: string;
	readonly start: number;
	readonly end: number;
	readonly data?: FixData;
	/** Other places the finding concerns (LSP related information), in offsets of the same text. */
	readonly related?: readonly { readonly start: number; readonly end: number; readonly message: string }[];
}

/** Per-code facts a quick fix needs, stored in `Diagnostic.data`. */
export type FixData =
	| {
			readonly code: DiagnosticCode.MissingSection;
			readonly heading: string;
			readonly guidance: string;
			readonly insertAt: number;
			/** A section of the doc's own that may be this one under another name: where its heading's text is. */
			readonly candidate?: { readonly start: number; readonly end: number; readonly text: string; readonly expected: string };
	  }
	| { readonly code: DiagnosticCode.SectionOrder; readonly moveTo: number; readonly sectionEnd: number }
	| { readonly code: DiagnosticCode.HeadingVariant; readonly expected: string }
	| { readonly code: DiagnosticCode.Placeholder; readonly replacement?: string }
	| { readonly code: DiagnosticCode.TemplateText }
	/** `remove`: the whole section, for an optional one, which is better removed than left empty. */
	| { readonly code: DiagnosticCode.EmptySection; readonly remove?: { readonly start: number; readonly end: number } }
	/** `form`: the template's form of the line up to its value, `* Author(s): `; `ownBlock`: no metadata line to join. */
	| { readonly code: DiagnosticCode.MissingMetadata; readonly label: string; readonly form?: string; readonly insertAt?: number; readonly ownBlock?: boolean }
	/** `replace`: the line's form up to its value, to be written as `expected`. */
	| { readonly code: DiagnosticCode.MetadataVariant; readonly expected: string; readonly replace: { readonly start: number; readonly end: number } }
	| { readonly code: DiagnosticCode.UnresolvedQuestion; readonly insertAt: number }
	| { readonly code: DiagnosticCode.FileName; readonly suggested?: string }
	| { readonly code: DiagnosticCode.DuplicateNumber; readonly suggested: string }
	| { readonly code: DiagnosticCode.ValidationSkipped };

/** What a rule sees besides the outline. */
export interface RuleContext {
	/** The file's name, for files on disk; undefined for untitled and virtual documents. */
	readonly fileName: string | undefined;
	/** The numbered folder that names the doc when it is that folder's index (`0007-drain-budgets/README.md`). */
	readonly folderName?: string | undefined;
}

export type Rule = (doc: DocOutline, context: RuleContext) => Finding[];

/**
 * `"## Why"` in messages and action titles: the text as the author would type
 * it, in plain text. Editors show messages verbatim, so backticks would show as
 * backticks and Markdown escapes as backslashes (`\<kpt-maintainer\>` reads
 * `<kpt-maintainer>`).
 */
export function quote(markdown: string): string {
	return `"${unescapeMarkdown(markdown)}"`;
}

/** Drops the backslash of Markdown's escapes: `\<name\>` → `<name>`. */
export function unescapeMarkdown(markdown: string): string {
	return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
