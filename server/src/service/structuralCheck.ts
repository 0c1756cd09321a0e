import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCode } from './codes';
import { toDiagnostics } from './diagnostics';
import { Finding, quote } from './finding';
import { ScannedHeading, scanHeadings } from './lineScan';
import { matchHeadings } from './headingMatch';
import { compactKey } from './names';
import { isExcluded, isIncluded } from './designDocs';
import type { DesignDocSettings } from './settings';
import type { DocStatus } from './status';

/**
 * What can be said of a doc without parsing it: which of the template's
 * sections are there, found by the line scanner. For docs too big or too
 * hostile to parse in the time allowed, with one information diagnostic that
 * says so and why. Never parses, so it is fast on any input.
 */
export function structuralCheck(
	document: TextDocument,
	templateText: string,
	settings: DesignDocSettings,
	reason: string,
	fallbackTitle: string,
	codeDocs?: string,
	/** The document is the start of a longer text: a section not found may be further on, so none is called missing. */
	partial = false,
): { diagnostics: Diagnostic[]; status: DocStatus } {
	const text = document.getText();
	const sections = templateSections(templateText);
	const scanned = scanHeadings(text);
	const headings = scanned.filter((heading) => heading.depth === 2);
	const found: Finding[] = [];
	const present = new Map<number, ScannedHeading>();
	matchHeadings(
		headings.map((heading) => heading.text.replace(/\s*\(optional\)$/i, '')),
		sections.map((section) => section.name),
		settings.headingSynonyms,
	).forEach(({ index }, position) => {
		if (index >= 0) {
			present.set(index, headings[position]!);
		}
	});
	sections.forEach((section, index) => {
		if (present.has(index) || section.optional || partial) {
			return;
		}
		const previous = sections[index - 1];
		const where = previous ? `after ${quote(`## ${previous.name}`)}` : 'after the header';
		found.push({ code: DiagnosticCode.MissingSection, message: `Missing section ${quote(`## ${section.name}`)}: expected ${where}.`, start: 0, end: 0 });
	});
	const notice: Finding = {
		code: DiagnosticCode.ValidationSkipped,
		message: `Full validation was skipped: ${reason}. Only the section headings were checked.`,
		start: 0,
		end: Math.min(text.length, firstLineEnd(text)),
	};
	const title = scanned.find((heading) => heading.depth === 1)?.text;
	const placeholderTitle = scanHeadings(templateText).find((heading) => heading.depth === 1)?.text;
	const untitled = !title || (placeholderTitle !== undefined && compactKey(title) === compactKey(placeholderTitle)) || /^\\?<.*>$/.test(title);
	const missingSections = partial ? [] : sections.filter((section, index) => !section.optional && !present.has(index)).map((section) => section.name);
	const status: DocStatus = {
		title: untitled ? fallbackTitle : title,
		status: 'draft',
		author: null,
		approver: null,
		sections: sections.map((section, index) => {
			const heading = present.get(index);
			return heading ? { heading: section.name, present: true, line: heading.line } : { heading: section.name, present: false };
		}),
		missingSections,
		questions: [],
		problems: [...(missingSections.length ? [`missing: ${missingSections.join(', ')}`] : []), `not fully checked: ${reason}`],
	};
	return { diagnostics: toDiagnostics(document, [notice, ...found], settings, codeDocs), status };
}

/**
 * The line-scan version of `isDesignDoc`: a metadata line of the template in
 * the header, or a path matching `include` with a numbered name or a section
 * of the template.
 */
export function looksLikeDesignDoc(text: string, templateText: string, relativePath: string | undefined, settings: DesignDocSettings): boolean {
	if (relativePath !== undefined && isExcluded(relativePath, settings)) {
		return false;
	}
	const keys = new Set(headerKeys(templateText, bulletKey));
	if (headerKeys(text, anyKey).some((key) => keys.has(key))) {
		return true;
	}
	const fileName = relativePath?.split('/').pop() ?? '';
	const sections = new Set(templateSections(templateText).map((section) => compactKey(section.name)));
	return (
		relativePath !== undefined &&
		isIncluded(relativePath, settings) &&
		(/^\d+-/.test(fileName) || scanHeadings(text).some((heading) => heading.depth === 2 && sections.has(compactKey(heading.text))))
	);
}

/** `* Key:` as a template writes its metadata. */
const bulletKey = /^[*+-][ \t]+(?:\*\*|__)?([^:\r\n]+?)(?:\*\*|__)?:/gm;
/** A doc's metadata line in any form the outline reads: under any bullet, bold, or a plain line (see `metadata.ts`). */
const anyKey = /^(?:[*+-][ \t]+)?(?:\*\*|__)?([^:\r\n]+?)(?:\*\*|__)?:/gm;

/** Keys of `Key: value` lines before the first `##` heading (looking at the first 64 KB at most). */
function headerKeys(text: string, line: RegExp): string[] {
	const head = text.slice(0, 64 * 1024);
	const firstSection = scanHeadings(head).find((heading) => heading.depth === 2);
	return [...head.slice(0, firstSection?.start ?? head.length).matchAll(line)].map((match) => compactKey(match[1]!));
}

/** The `##` headings under the template's first `#` title, by line scan. */
function templateSections(templateText: string): { name: string; optional: boolean }[] {
	const headings = scanHeadings(templateText);
	const title = headings.findIndex((heading) => heading.depth === 1);
	const end = headings.findIndex((heading, index) => index > title && heading.depth === 1);
	return headings
		.slice(title + 1, end < 0 ? headings.length : end)
		.filter((heading) => heading.depth === 2)
		.map((heading) => ({ name: heading.text.replace(/\s*\(optional\)$/i, ''), optional: /\(optional\)$/i.test(heading.text) }));
}

function firstLineEnd(text: string): number {
	const match = /\r\n|\r|\n/.exec(text);
	return match ? match.index : text.length;
}
