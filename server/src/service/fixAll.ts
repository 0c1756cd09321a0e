import { diffLines } from 'diff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { OffsetEdit, applyEdits, overlaps } from './edits';
import { FixContext, fixesFor } from './fixes';

/** Enough for every kind of fix to settle; each pass only ever removes findings. */
const maxPasses = 25;

/**
 * Every preferred fix, applied until none is left. Fixes that would overlap in
 * one pass (two sections inserted at one place, a heading renamed inside a
 * section being moved) wait for the next pass, which sees the text as the
 * earlier ones left it. The result is returned as line edits of the original
 * text, so the editor touches only what changed.
 */
export function fixAll(document: TextDocument, diagnose: (document: TextDocument) => Diagnostic[], context: FixContext): OffsetEdit[] {
	const original = document.getText();
	let current = document;
	for (let pass = 0; pass < maxPasses; pass++) {
		const chosen: OffsetEdit[][] = [];
		for (const diagnostic of diagnose(current)) {
			const fix = fixesFor(current, diagnostic, context).find((candidate) => candidate.preferred && candidate.edits.length > 0);
			if (fix && !fix.edits.some((edit) => chosen.flat().some((other) => overlaps(edit, other)))) {
				chosen.push([...fix.edits]);
			}
		}
		if (chosen.length === 0) {
			break;
		}
		current = TextDocument.create(current.uri, current.languageId, current.version + 1, applyEdits(current.getText(), chosen.flat()));
	}
	return lineEdits(original, current.getText());
}

/** The difference of two texts as edits of the first, one per changed run of lines. */
export function lineEdits(before: string, after: string): OffsetEdit[] {
	const edits: OffsetEdit[] = [];
	let offset = 0;
	let pending: { start: number; end: number; newText: string } | undefined;
	for (const part of diffLines(before, after)) {
		if (!part.added && !part.removed) {
			if (pending) {
				edits.push(pending);
				pending = undefined;
			}
			offset += part.value.length;
			continue;
		}
		pending ??= { start: offset, end: offset, newText: '' };
		if (part.removed) {
			offset += part.value.length;
			pending.end = offset;
		} else {
			pending.newText += part.value;
		}
	}
	if (pending) {
		edits.push(pending);
	}
	return edits;
}
