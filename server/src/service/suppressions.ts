import type { Html, Nodes } from 'mdast';
import { isDiagnosticCode } from './codes';
import type { Finding } from './finding';
import type { ParsedMarkdown } from './markdown';

/** A stretch of the text where some codes (or all, when `codes` is empty) are not reported. */
interface Suppression {
	readonly from: number;
	readonly to: number;
	readonly codes: ReadonlySet<string>;
}

const directive = /^<!--\s*design-doc-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->$/;

/**
 * Findings minus those the doc suppresses with comments, as markdownlint does:
 * `<!-- design-doc-disable CODE -->` … `<!-- design-doc-enable CODE -->`, and
 * `<!-- design-doc-disable-next-line CODE -->`, and for the whole file wherever it
 * stands, `<!-- design-doc-disable-file CODE -->`. Without a code, all codes.
 * Comments are read from the parse tree, so one inside fenced code is text.
 */
export function applySuppressions(md: ParsedMarkdown, found: readonly Finding[]): Finding[] {
	// Most docs have none: a string search spares them the walk over the tree.
	const suppressions = md.text.includes('design-doc-') ? collect(md) : [];
	if (suppressions.length === 0) {
		return [...found];
	}
	return found.filter(
		(finding) => !suppressions.some((range) => finding.start >= range.from && finding.start < range.to && (range.codes.size === 0 || range.codes.has(finding.code))),
	);
}

function collect(md: ParsedMarkdown): Suppression[] {
	const comments: { node: Html; kind: string; codes: Set<string> }[] = [];
	const visit = (node: Nodes) => {
		if (node.type === 'html') {
			const match = directive.exec(node.value.trim());
			if (match) {
				const codes = new Set(match[2]!.split(/[\s,]+/).filter((code) => isDiagnosticCode(code)));
				comments.push({ node, kind: match[1]!, codes });
			}
		} else if ('children' in node) {
			(node.children as Nodes[]).forEach(visit);
		}
	};
	visit(md.root);
	const suppressions: Suppression[] = [];
	const open: { from: number; codes: Set<string> }[] = [];
	for (const { node, kind, codes } of comments) {
		const end = md.end(node);
		if (kind === 'disable-file') {
			suppressions.push({ from: 0, to: md.text.length + 1, codes });
		} else if (kind === 'disable-next-line') {
			const from = lineAfter(md.text, end);
			suppressions.push({ from, to: lineAfter(md.text, from), codes });
		} else if (kind === 'disable') {
			open.push({ from: end, codes });
		} else {
			// `enable X` ends the disables of X; `enable` alone ends them all.
			for (let index = open.length - 1; index >= 0; index--) {
				const region = open[index]!;
				if (codes.size === 0 || [...codes].some((code) => region.codes.has(code)) || region.codes.size === 0) {
					suppressions.push({ from: region.from, to: md.start(node), codes: region.codes });
					open.splice(index, 1);
				}
			}
		}
	}
	for (const region of open) {
		suppressions.push({ from: region.from, to: md.text.length + 1, codes: region.codes });
	}
	return suppressions;
}

/** Offset of the start of the line after the one holding `offset` (the text's end if none). */
function lineAfter(text: string, offset: number): number {
	const match = /\r\n|\r|\n/g;
	match.lastIndex = offset;
	const found = match.exec(text);
	return found ? found.index + found[0].length : text.length;
}
