import type { TextDocument } from 'vscode-languageserver-textdocument';
import { OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { OffsetEdit } from './edits';

/** Edits bound to the version they were computed on: an editor refuses them on any newer text. */
export function versionedEdit(document: TextDocument, edits: readonly OffsetEdit[]): WorkspaceEdit {
	return {
		documentChanges: [
			TextDocumentEdit.create(
				OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version),
				edits.map((edit) => TextEdit.replace({ start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, edit.newText)),
			),
		],
	};
}
