import { DiagnosticCode } from '../codes';
import { Finding, Rule, quote } from '../finding';
import { headingText, isPlaceholderText, normalizeText } from '../markdown';
import { titleFromFileName } from '../names';
import type { DocOutline } from '../outline';

/** Template placeholders left in the title, the metadata values and `###` headings. */
export const placeholder: Rule = (doc, context) => [...titlePlaceholder(doc, context.folderName ?? context.fileName), ...metadataPlaceholders(doc), ...headingPlaceholders(doc)];

/** True when the doc's title is still the template's (`# Title`) or a `\<...\>` placeholder. */
export function isTitlePlaceholder(doc: DocOutline): boolean {
	if (!doc.title || !doc.template.title) {
		return false;
	}
	const text = headingText(doc.title);
	return normalizeText(text) === normalizeText(doc.template.title) || isPlaceholderText(text);
}

function titlePlaceholder(doc: DocOutline, fileName: string | undefined): Finding[] {
	if (!doc.title || !isTitlePlaceholder(doc)) {
		return [];
	}
	const text = headingText(doc.title);
	const [start, end] = doc.md.headingTextRange(doc.title);
	const replacement = fileName ? titleFromFileName(fileName) : undefined;
	return [
		{
			code: DiagnosticCode.Placeholder,
			message: `Title ${quote(text)} is the template's placeholder: expected the doc's own title${replacement ? ` (such as ${quote(replacement)})` : ''}.`,
			start,
			end,
			data: { code: DiagnosticCode.Placeholder, ...(replacement ? { replacement } : {}) },
		},
	];
}

/**
 * `\<your name\>` as the template writes it, or `<your name>` written without
 * escapes when the template has that placeholder (then Markdown reads it as
 * HTML, which is why it is matched in the source).
 */
function metadataPlaceholders(doc: DocOutline): Finding[] {
	const known = new Set(
		doc.template.metadata.flatMap((key) => [...key.placeholder.matchAll(placeholderPattern)].map((match) => normalizeText(match[1]!))),
	);
	return doc.metadata.flatMap((item): Finding[] => {
		const value = doc.md.text.slice(item.valueStart, item.valueEnd);
		if (item.key && namesNobody(value)) {
			return [
				{
					code: DiagnosticCode.Placeholder,
					message: `${quote(item.label)} is ${quote(value.trim())}, which names nobody: expected a real value.`,
					start: item.valueStart,
					end: item.valueEnd,
					data: { code: DiagnosticCode.Placeholder },
				},
			];
		}
		return [...value.matchAll(placeholderPattern)]
			.filter((match) => match[0].startsWith('\\') || known.has(normalizeText(match[1]!)))
			.map((match) => ({
				code: DiagnosticCode.Placeholder,
				message: `Placeholder ${quote(match[0])} left in ${quote(item.label)}: expected a real value.`,
				start: item.valueStart + match.index,
				end: item.valueStart + match.index + match[0].length,
				data: { code: DiagnosticCode.Placeholder },
			}));
	});
}

const placeholderPattern = /\\?<([^<>\n]+?)\\?>/g;

/** `TBD`, `TODO`, `N/A`, `?`, `none`, `-`: a value that stands in for a name, as a placeholder does. */
export function namesNobody(value: string): boolean {
	return /^(?:tb[da]|todo|n\/?a|\?+|none|nobody|unknown|-+|—|–)\.?$/i.test(value.replace(/[*_`]/g, '').trim());
}

function headingPlaceholders(doc: DocOutline): Finding[] {
	return doc.placeholderHeadings.map((heading) => {
		const [start, end] = doc.md.headingTextRange(heading);
		return {
			code: DiagnosticCode.Placeholder,
			message: `Placeholder heading ${quote(`${'#'.repeat(heading.depth)} ${doc.md.text.slice(start, end)}`)} left in: expected a heading of your own.`,
			start,
			end,
			data: { code: DiagnosticCode.Placeholder },
		};
	});
}
