import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-types';
import type { DocOutline } from './outline';

/** On the questions heading: how many questions are still open, at a glance. */
export function codeLenses(document: TextDocument, doc: DocOutline): CodeLens[] {
	const section = doc.sections.find((candidate) => candidate.template?.role === 'questions');
	const convention = doc.template.questions;
	if (!section || !convention) {
		return [];
	}
	const count = (state: string) => doc.questions.filter((question) => question.state === state).length;
	const parts = [
		[count('unresolved'), 'unresolved'],
		[count('not-yet-resolved'), convention.notYetResolved],
		[count('resolved'), 'resolved'],
	] as const;
	const title = doc.questions.length === 0 ? 'No questions' : parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`).join(' · ');
	const range = { start: document.positionAt(doc.md.start(section.heading)), end: document.positionAt(doc.md.end(section.heading)) };
	// A lens with no command is a label: it tells, it does nothing when clicked.
	return [{ range, command: { title, command: '' } }];
}
