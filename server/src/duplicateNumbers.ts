import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { type NumberedDoc, duplicateNumberDiagnostics } from './service/duplicateNumber';
import type { DesignDocSettings } from './service/settings';
import { parentOf } from './templates';

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
		/** Only docs in a workspace folder have a folder of docs to clash with. */
		private readonly inWorkspace: (uri: string) => boolean,
	) {}

	/** The index gained, lost or renamed a doc: any doc's clashes may have changed. */
	invalidate(): void {
		this.answers.clear();
	}

	/** @param anchor offsets of the title (where the diagnostic goes) in `document`. */
	diagnostics(document: TextDocument, anchor: { readonly start: number; readonly end: number }, settings: DesignDocSettings): Diagnostic[] {
		if (!this.inWorkspace(document.uri)) {
			return [];
		}
		const start = document.positionAt(anchor.start);
		const end = document.positionAt(anchor.end);
		const key = `${start.line}:${start.character}-${end.line}:${end.character}`;
		const answer = this.answers.get(document.uri);
		if (answer?.key === key && answer.settings === settings) {
			return answer.diagnostics;
		}
		const self = { uri: document.uri, folder: parentOf(document.uri), fileName: Utils.basename(URI.parse(document.uri)) };
		const others = this.docs().filter((doc) => doc.uri !== document.uri && doc.folder === self.folder);
		const diagnostics = duplicateNumberDiagnostics(document, self, [self, ...others], anchor, settings, this.codeDocs());
		this.answers.set(document.uri, { key, settings, diagnostics });
		return diagnostics;
	}
}
