import { Disposable, Selection, TextEditor, TextEditorRevealType, languages } from 'vscode';

/** How long a new doc waits for its first diagnostics before leaving the cursor where it is. */
const patienceMs = 30_000;

/**
 * Selects the first placeholder the server reports in a doc just created, so the author
 * types over it: the server knows the template's placeholders, the client does not. Does
 * nothing once the author has moved the cursor or typed.
 */
export function selectFirstPlaceholder(editor: TextEditor): Disposable {
	const { document } = editor;
	const version = document.version;
	const untouched = () => document.version === version && editor.selection.isEmpty && editor.selection.active.line === 0 && editor.selection.active.character === 0;
	const done = () => {
		clearTimeout(timer);
		subscription.dispose();
	};
	const subscription = languages.onDidChangeDiagnostics((event) => {
		if (!event.uris.some((uri) => uri.toString() === document.uri.toString())) {
			return;
		}
		const placeholder = languages
			.getDiagnostics(document.uri)
			.filter((diagnostic) => diagnostic.source === 'design-doc' && codeOf(diagnostic) === 'placeholder')
			.sort((a, b) => a.range.start.compareTo(b.range.start))[0];
		if (!placeholder) {
			return;
		}
		if (untouched()) {
			editor.selection = new Selection(placeholder.range.start, placeholder.range.end);
			editor.revealRange(placeholder.range, TextEditorRevealType.InCenterIfOutsideViewport);
		}
		done();
	});
	const timer = setTimeout(done, patienceMs);
	return { dispose: done };
}

function codeOf(diagnostic: { code?: string | number | { value: string | number } }): string | undefined {
	const { code } = diagnostic;
	return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}
