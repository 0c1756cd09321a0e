import { basename, dirname } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { type NumberedDoc, duplicateNumberDiagnostics } from './service/duplicateNumber';
import type { DesignDocSettings } from './service/settings';

/**
 * `duplicate-number` of open docs, worked out again only when what it depends
 * on changed: the docs of the workspace (`invalidate`), the settings, or where
 * the title is (the diagnostic's range). A keystroke elsewhere in the doc
 * reuses the last answer: its cost does not grow with the folder.
 */
export class DuplicateNumbers {
	private readonly answers = new Map<string, { readonly key: string; readonly settings: DesignDocSettings; readonly diagnostics: Diagnostic[] }>();
	/** @param codeDocs where the code pages are (see `codeDocs.ts`), known once the client has said. */
	constructor(
		private readonly docs: () => readonly NumberedDoc[],
		private readonly codeDocs: () => string,
	) {}

	/** The index gained, lost or renamed a doc: any doc's clashes may have changed. */
	invalidate(): void {
		this.answers.clear();
	}

	/** @param anchor offsets of the title (where the diagnostic goes) in `document`. */
	diagnostics(document: TextDocument, anchor: { readonly start: number; readonly end: number }, settings: DesignDocSettings): Diagnostic[] {
		const parsed = URI.parse(document.uri);
		if (parsed.scheme !== 'file') {
			return [];
		}
		const start = document.positionAt(anchor.start);
		const end = document.positionAt(anchor.end);
		const key = `${start.line}:${start.character}-${end.line}:${end.character}`;
		const answer = this.answers.get(document.uri);
		if (answer?.key === key && answer.settings === settings) {
			return answer.diagnostics;
		}
		const self = { uri: document.uri, folder: dirname(parsed.fsPath), fileName: basename(parsed.fsPath) };
		const others = this.docs().filter((doc) => doc.uri !== document.uri && doc.folder === self.folder);
		const diagnostics = duplicateNumberDiagnostics(document, self, [self, ...others], anchor, settings, this.codeDocs());
		this.answers.set(document.uri, { key, settings, diagnostics });
		return diagnostics;
	}
}
