import { DiagnosticCode } from '../codes';
import { nextLineStart } from '../edits';
import { Finding, Rule, quote } from '../finding';

/** Each metadata key of the template's header needs a line with a value. */
export const missingMetadata: Rule = (doc) => {
	// The start of the line the new metadata line takes: under the last one, under the title, or first.
	const lastItem = doc.metadata[doc.metadata.length - 1];
	const after = lastItem ? lastItem.valueEnd : doc.title ? doc.md.end(doc.title) : undefined;
	const insertAt = after === undefined ? doc.md.bomLength : nextLineStart(doc.md.text, after);
	return doc.template.metadata.flatMap((key): Finding[] => {
		const items = doc.metadata.filter((item) => item.key === key);
		if (items.length === 0) {
			return [
				{
					code: DiagnosticCode.MissingMetadata,
					message: `Missing metadata ${quote(`${key.label}:`)} in the header: expected a line like ${quote(`${key.form}${key.placeholder}`)}.`,
					...doc.anchor,
					// Under another metadata line it joins their block; else it starts one.
					data: { code: DiagnosticCode.MissingMetadata, label: key.label, form: key.form, insertAt, ownBlock: lastItem === undefined },
				},
			];
		}
		return items
			.filter((item) => item.valueStart === item.valueEnd)
			.map((item) => ({
				code: DiagnosticCode.MissingMetadata,
				message: `Metadata ${quote(`${item.label}:`)} is empty: expected a value after the colon.`,
				start: item.start,
				end: item.valueEnd,
				data: { code: DiagnosticCode.MissingMetadata, label: key.label },
			}));
	});
};
