import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCode } from './codes';
import { OffsetEdit, insertBlock, lineEnding, lineStart, nextLineStart } from './edits';
import { insideOpenBlock } from './lineScan';
import { FixData, quote } from './finding';
import type { TemplateModel } from './template';

/** Something the editor does instead of (or besides) a plain text edit. */
export type EditorAction =
	/** Put the cursor at `offset` and insert a snippet there (tab stops and all). */
	| { readonly kind: 'snippet'; readonly offset: number; readonly snippet: string }
	/** Select a range so the author can type over it. */
	| { readonly kind: 'select'; readonly start: number; readonly end: number };

export interface Fix {
	readonly title: string;
	readonly edits: readonly OffsetEdit[];
	/** The one obvious fix of its diagnostic: the light bulb's default and part of fix-all. */
	readonly preferred: boolean;
	readonly editorAction?: EditorAction;
	/** New file name (same folder), for `file-name`. */
	readonly rename?: string;
}

export interface FixContext {
	readonly template: TemplateModel;
	/** Whether the editor can run the snippet and selection actions (VS Code can; a bare LSP client may not). */
	readonly editorActions: boolean;
}

/**
 * The fixes for one diagnostic of `document`, computed from its `data`. The
 * diagnostic must have been computed on this very text: offsets are not re-derived.
 */
export function fixesFor(document: TextDocument, diagnostic: Diagnostic, context: FixContext): Fix[] {
	const data = diagnostic.data as FixData | undefined;
	if (!data || data.code !== diagnostic.code) {
		return [];
	}
	const text = document.getText();
	const eol = lineEnding(text);
	if (insertsAt(data) !== undefined && insideOpenBlock(text, insertsAt(data)!)) {
		// It would land in a code block the author left open, and mean nothing there.
		return [];
	}
	const start = document.offsetAt(diagnostic.range.start);
	const end = document.offsetAt(diagnostic.range.end);
	const found = text.slice(start, end);
	switch (data.code) {
		case DiagnosticCode.MissingSection: {
			const lines = sectionLines(data.heading, data.guidance);
			const plain: Fix = {
				title: `Insert section ${quote(data.heading)}`,
				edits: [insertBlock(text, data.insertAt, lines, eol)],
				// With a candidate the insert may duplicate it: neither fix is safe enough for fix-all.
				preferred: data.candidate === undefined,
			};
			// In an editor, the same text as a snippet that leaves the cursor in the new section, ready to type.
			const insert: Fix = context.editorActions
				? { ...plain, editorAction: { kind: 'snippet', offset: data.insertAt, snippet: withCursorLine(text, data.insertAt, lines, eol) } }
				: plain;
			const candidate = data.candidate;
			return candidate
				? [
						{
							title: `Rename ${quote(`## ${candidate.text}`)} to ${quote(`## ${candidate.expected}`)}`,
							edits: [{ start: candidate.start, end: candidate.end, newText: candidate.expected }],
							preferred: false,
						},
						insert,
					]
				: [insert];
		}
		case DiagnosticCode.SectionOrder: {
			if (data.moveTo >= start && data.moveTo <= data.sectionEnd) {
				return [];
			}
			const block = text.slice(start, data.sectionEnd).replace(/\s+$/, '').split(/\r\n|\r|\n/);
			return [
				{
					title: `Move section ${quote(block[0]!)} to its template position`,
					edits: [{ start, end: data.sectionEnd, newText: '' }, insertBlock(text, data.moveTo, block, eol)],
					preferred: true,
				},
			];
		}
		case DiagnosticCode.HeadingVariant:
			return [{ title: `Rename heading to ${quote(`## ${data.expected}`)}`, edits: [{ start, end, newText: data.expected }], preferred: true }];
		case DiagnosticCode.Placeholder:
			if (data.replacement) {
				return [{ title: `Replace ${quote(found)} with ${quote(data.replacement)}`, edits: [{ start, end, newText: data.replacement }], preferred: true }];
			}
			return context.editorActions
				? [{ title: `Select ${quote(found)} to type over it`, edits: [], preferred: false, editorAction: { kind: 'select', start, end } }]
				: [];
		case DiagnosticCode.TemplateText:
			return [{ title: 'Remove the leftover template guidance', edits: [removeLines(text, start, end)], preferred: true }];
		case DiagnosticCode.MissingMetadata:
			return data.insertAt === undefined || data.form === undefined ? [] : [metadataFix(text, data.insertAt, data.form, data.ownBlock === true, eol)];
		case DiagnosticCode.MetadataVariant:
			return [{ title: `Write it as the template does: ${quote(data.expected.trim())}`, edits: [{ ...data.replace, newText: data.expected }], preferred: true }];
		case DiagnosticCode.UnresolvedQuestion:
			return questionFixes(text, data.insertAt, eol, context);
		case DiagnosticCode.FileName:
			return data.suggested && !data.suggested.startsWith('NN')
				? [{ title: `Rename file to ${quote(data.suggested)}`, edits: [], preferred: false, rename: data.suggested }]
				: [];
		case DiagnosticCode.DuplicateNumber:
			return [{ title: `Rename file to ${quote(data.suggested)}, the next free number`, edits: [], preferred: false, rename: data.suggested }];
		case DiagnosticCode.EmptySection:
			// Not preferred: the author may be about to write it.
			return data.remove ? [{ title: `Remove the empty section ${quote(found)}`, edits: [{ ...data.remove, newText: '' }], preferred: false }] : [];
		case DiagnosticCode.ValidationSkipped:
			return [];
	}
}

/** Where a fix adds lines, for the fixes that do. */
function insertsAt(data: FixData): number | undefined {
	switch (data.code) {
		case DiagnosticCode.MissingSection:
			return data.insertAt;
		case DiagnosticCode.SectionOrder:
			return data.moveTo;
		case DiagnosticCode.MissingMetadata:
		case DiagnosticCode.UnresolvedQuestion:
			return data.insertAt;
		default:
			return undefined;
	}
}

/**
 * The heading, then the template's guidance as an HTML comment: the author
 * sees what to write, and a comment is neither template text nor content.
 * Templates wrap their guidance with trailing spaces; those are dropped, or
 * markdownlint (MD009) would flag every inserted line.
 */
export function sectionLines(heading: string, guidance: string): string[] {
	if (!guidance) {
		return [heading];
	}
	const comment = guidance
		.replace(/--+>/g, (arrow) => `${arrow.slice(0, -1)} >`)
		.split(/\r\n|\r|\n/)
		.map((line) => line.replace(/[ \t]+$/, ''));
	return [heading, '', '<!--', ...comment, '-->'];
}

/**
 * Whole lines of the leftover, and the blank lines after it, so nothing is
 * left behind: inside a quote a line of only `>` counts as blank.
 */
function removeLines(text: string, start: number, end: number): OffsetEdit {
	const from = lineStart(text, start);
	const quoted = /^[ \t]*>/.test(text.slice(from, start));
	const blank = quoted ? /^[ \t>]*$/ : /^[ \t]*$/;
	let to = nextLineStart(text, end);
	while (to < text.length) {
		const next = nextLineStart(text, to);
		if (!blank.test(text.slice(to, next).replace(/[\r\n]+$/, ''))) {
			break;
		}
		to = next;
	}
	return { start: from, end: to, newText: '' };
}

/**
 * `at` is the start of the line the new metadata line takes (see the rule),
 * written in the template's form (`* Author(s): `) whatever bullet the doc uses:
 * the doc's other forms get their own fix.
 */
function metadataFix(text: string, at: number, form: string, ownBlock: boolean, eol: string): Fix {
	const title = `Add the metadata line ${quote(form.trim())}`;
	if (ownBlock) {
		// No header metadata yet: start a block, set off by blank lines.
		return { title, edits: [insertBlock(text, at, [form], eol)], preferred: true };
	}
	const lead = at === text.length && !/[\r\n]$/.test(text) ? eol : '';
	return { title, edits: [{ start: at, end: at, newText: `${lead}${form}${eol}` }], preferred: true };
}

function questionFixes(text: string, insertAt: number, eol: string, context: FixContext): Fix[] {
	const convention = context.template.questions;
	if (!convention) {
		return [];
	}
	const at = nextLineStart(text, insertAt);
	const mark = insertBlock(text, at, [`${convention.resolutionKeyword}: __${convention.notYetResolved}__`], eol);
	const resolution = insertBlock(text, at, [`${convention.resolutionKeyword}: `], eol);
	const fixes: Fix[] = [{ title: `Mark as ${convention.notYetResolved}`, edits: [mark], preferred: true }];
	if (context.editorActions) {
		// The snippet carries the same text with the cursor after the keyword.
		const snippet = escapeSnippet(resolution.newText).replace(/: (\r\n|\r|\n|$)/, ': $0$1');
		fixes.push({ title: 'Add a resolution', edits: [], preferred: false, editorAction: { kind: 'snippet', offset: at, snippet } });
	} else {
		fixes.push({ title: 'Add a resolution', edits: [resolution], preferred: false });
	}
	return fixes;
}

/** The block `insertBlock` writes, as a snippet with the cursor on a line of its own after `lines`. */
function withCursorLine(text: string, offset: number, lines: readonly string[], eol: string): string {
	const cursor = '\u0000';
	return escapeSnippet(insertBlock(text, offset, [...lines, '', cursor], eol).newText).replace(cursor, '$0');
}

function escapeSnippet(text: string): string {
	return text.replace(/[$}\\]/g, '\\$&');
}
