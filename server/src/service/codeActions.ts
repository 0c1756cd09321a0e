import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
	CodeAction,
	CodeActionKind,
	Command,
	Diagnostic,
	Range,
	RenameFile,
} from 'vscode-languageserver-types';
import { editorCommands, fixAllKind } from './commandIds';
import { isDiagnosticCode } from './codes';
import { documentationAction } from './documentationAction';
import { fixAll } from './fixAll';
import { Fix, FixContext, fixesFor } from './fixes';
import type { ParsedMarkdown } from './markdown';
import { isSuppressible, suppressionActions } from './suppressionActions';
import { versionedEdit } from './versionedEdit';

export interface CodeActionRequest {
	readonly range: Range;
	/** The diagnostics the editor shows in `range`; empty when it sends none. */
	readonly diagnostics: readonly Diagnostic[];
	readonly only?: readonly string[];
}

/**
 * Quick fixes, disable and documentation actions, and fix-all for `document` (parsed as `md`). `current` are the diagnostics of this
 * very version: a requested diagnostic is fixed only if it is still among them,
 * so a fix is never computed from positions of an older text.
 */
export function codeActions(
	document: TextDocument,
	md: ParsedMarkdown,
	current: readonly Diagnostic[],
	request: CodeActionRequest,
	diagnose: (document: TextDocument) => Diagnostic[],
	context: FixContext,
): CodeAction[] {
	const wanted = (kind: string) => !request.only || request.only.some((only) => kind === only || kind.startsWith(`${only}.`));
	const actions: CodeAction[] = [];
	if (wanted(CodeActionKind.QuickFix)) {
		const shown = current.filter((candidate) => requested(candidate, request));
		for (const diagnostic of shown) {
			for (const fix of fixesFor(document, diagnostic, context)) {
				actions.push(quickFix(document, diagnostic, fix));
			}
		}
		// After the fixes, as ESLint orders them: per code, disable it here, in the file, read about it.
		for (const code of new Set(shown.map((diagnostic) => diagnostic.code))) {
			const ofCode = shown.filter((diagnostic) => diagnostic.code === code);
			if (isSuppressible(code)) {
				actions.push(...suppressionActions(document, md, code, ofCode));
			}
			if (isDiagnosticCode(code)) {
				actions.push(documentationAction(code, ofCode));
			}
		}
	}
	// Only when asked for by kind: fix-all costs a validation per pass, too much for every cursor move.
	if (request.only !== undefined && wanted(fixAllKind)) {
		const edits = fixAll(document, diagnose, context);
		if (edits.length > 0) {
			actions.push({ title: 'Fix all design doc problems', kind: fixAllKind, edit: versionedEdit(document, edits) });
		}
	}
	return actions;
}

function requested(diagnostic: Diagnostic, request: CodeActionRequest): boolean {
	if (request.diagnostics.length === 0) {
		return intersects(diagnostic.range, request.range);
	}
	return request.diagnostics.some(
		(shown) => shown.code === diagnostic.code && shown.message === diagnostic.message && sameRange(shown.range, diagnostic.range),
	);
}

function quickFix(document: TextDocument, diagnostic: Diagnostic, fix: Fix): CodeAction {
	const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
	if (fix.preferred) {
		action.isPreferred = true;
	}
	const editor = fix.editorAction;
	// A snippet stands for the edits where the editor can insert it; fix-all still uses the edits.
	if (fix.edits.length > 0 && editor?.kind !== 'snippet') {
		action.edit = versionedEdit(document, fix.edits);
	}
	if (fix.rename) {
		const newUri = document.uri.replace(/[^/]*$/, encodeURIComponent(fix.rename));
		action.edit = { documentChanges: [RenameFile.create(document.uri, newUri, { overwrite: false, ignoreIfExists: false })] };
	}
	if (editor?.kind === 'snippet') {
		action.command = Command.create(fix.title, editorCommands.insertSnippet, document.uri, document.version, document.positionAt(editor.offset), editor.snippet);
	} else if (editor?.kind === 'select') {
		action.command = Command.create(fix.title, editorCommands.select, document.uri, document.version, {
			start: document.positionAt(editor.start),
			end: document.positionAt(editor.end),
		});
	}
	return action;
}

function intersects(a: Range, b: Range): boolean {
	return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Range['start'], b: Range['start']): boolean {
	return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function sameRange(a: Range, b: Range): boolean {
	return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
