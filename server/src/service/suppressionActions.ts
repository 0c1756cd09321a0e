import type { Blockquote, List, ListItem, Nodes, Root } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCode, isDiagnosticCode } from './codes';
import { OffsetEdit, lineEnding, lineStart } from './edits';
import type { ParsedMarkdown } from './markdown';
import { versionedEdit } from './versionedEdit';

/**
 * Codes a comment in the doc can turn off. `duplicate-number` is found across
 * the folder and `validation-skipped` without the parse that reads comments.
 */
export function isSuppressible(code: unknown): code is DiagnosticCode {
	return isDiagnosticCode(code) && code !== DiagnosticCode.DuplicateNumber && code !== DiagnosticCode.ValidationSkipped;
}

/**
 * "Disable CODE for this line" for each line the diagnostics start on, then
 * "Disable CODE for this file": the suppression comments `suppressions.ts`
 * reads, written where they take effect and leave the Markdown's structure as
 * it was. A directive already there (a line above, at the top) takes the code
 * too: a second `disable-next-line` above the line would make the first one
 * apply to it instead.
 */
export function suppressionActions(document: TextDocument, md: ParsedMarkdown, code: DiagnosticCode, diagnostics: readonly Diagnostic[]): CodeAction[] {
	const eol = lineEnding(md.text);
	const lines = [...new Set(diagnostics.map((diagnostic) => diagnostic.range.start.line))];
	const actions = lines.map((line) => {
		const start = document.offsetAt({ line, character: 0 });
		const above = start > 0 ? directiveOn(md.text, previousLineStart(md.text, start), 'disable-next-line') : undefined;
		const edit = above
			? withCode(above, code)
			: { start, end: start, newText: `${commentPrefix(md, start)}<!-- design-doc-disable-next-line ${code} -->${eol}` };
		return action(`Disable ${code} for this line`, document, diagnostics.filter((diagnostic) => diagnostic.range.start.line === line), edit);
	});
	// At the top, after a BOM, where authors look for what a file turns off.
	const top = directiveOn(md.text, md.bomLength, 'disable-file');
	const edit = top ? withCode(top, code) : { start: md.bomLength, end: md.bomLength, newText: `<!-- design-doc-disable-file ${code} -->${eol}` };
	actions.push(action(`Disable ${code} for this file`, document, diagnostics, edit));
	return actions;
}

function action(title: string, document: TextDocument, diagnostics: readonly Diagnostic[], edit: OffsetEdit): CodeAction {
	return { title, kind: CodeActionKind.QuickFix, diagnostics: [...diagnostics], edit: versionedEdit(document, [edit]) };
}

interface Directive {
	readonly kind: string;
	/** Offsets of the comment itself, without the line's indentation or break. */
	readonly start: number;
	readonly end: number;
	readonly codes: readonly string[];
}

/** The directive of `kind` naming codes that fills the line starting at `start`, if there is one. */
function directiveOn(text: string, start: number, kind: string): Directive | undefined {
	const line = text.slice(start, nextBreak(text, start));
	const match = new RegExp(`^([ \\t>]*)(<!--\\s*design-doc-${kind}\\s+([^>]*?)\\s*-->)\\s*$`).exec(line);
	const codes = match?.[3]!.split(/[\s,]+/).filter((code) => code !== '') ?? [];
	// Without codes it disables everything already.
	if (!match || codes.length === 0) {
		return undefined;
	}
	return { kind, start: start + match[1]!.length, end: start + match[1]!.length + match[2]!.length, codes };
}

function withCode(directive: Directive, code: DiagnosticCode): OffsetEdit {
	return { start: directive.start, end: directive.end, newText: `<!-- design-doc-${directive.kind} ${[...directive.codes, code].join(' ')} -->` };
}

/**
 * What goes before the comment on its own line so that it stays in the
 * containers the line is in but ends before any block that starts on the line:
 * a blockquote starting there would otherwise start at the comment. Before an
 * item that is not the first of its list, the comment is indented into the
 * item above: at the item's margin it would end the list and start a new one.
 */
function commentPrefix(md: ParsedMarkdown, start: number): string {
	const text = md.text;
	const line = text.slice(start, nextBreak(text, start));
	const first = firstBlockOn(md, md.root, start);
	if (!first) {
		// A paragraph's continuation line: stay in the containers it is in.
		return /^(?:[ \t]*>)*[ \t]*/.exec(line)![0];
	}
	const column = md.start(first.node) - start;
	const previous = first.parent.type === 'list' ? first.parent.children[first.parent.children.indexOf(first.node as ListItem) - 1] : undefined;
	if (!previous) {
		return line.slice(0, column);
	}
	const content = previous.children[0] ? md.start(previous.children[0]) : md.start(previous) + 2;
	return `${line.slice(0, column)}${' '.repeat(Math.max(0, content - lineStart(text, content) - column))}`;
}

/** The outermost block that starts on the line starting at `start`, and its parent. */
function firstBlockOn(md: ParsedMarkdown, parent: Parent, start: number): { node: Nodes; parent: Parent } | undefined {
	const lineEnd = nextBreak(md.text, start);
	for (const child of parent.children as Nodes[]) {
		if (md.end(child) < start) {
			continue;
		}
		if (md.start(child) > lineEnd) {
			return undefined;
		}
		if (md.start(child) >= start) {
			return { node: child, parent };
		}
		if (child.type === 'blockquote' || child.type === 'list' || child.type === 'listItem') {
			return firstBlockOn(md, child, start);
		}
		return undefined;
	}
	return undefined;
}

type Parent = Root | Blockquote | List | ListItem;

/** Offset of the start of the line before the one starting at `start` (> 0), past a CRLF as one break. */
function previousLineStart(text: string, start: number): number {
	return lineStart(text, start - (text.startsWith('\r\n', start - 2) ? 2 : 1));
}

/** Offset of the line break ending the line holding `offset` (the text's end if none). */
function nextBreak(text: string, offset: number): number {
	const found = /\r|\n/g;
	found.lastIndex = offset;
	return found.exec(text)?.index ?? text.length;
}
