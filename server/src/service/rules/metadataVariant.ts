import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';

/**
 * A metadata line that counts, but is not written as the template writes it
 * (`**Authors:** Jane`, `- Approver: Ana` where the template has `* `): every
 * doc's header then reads the same, and tools that read the template's form find it.
 */
export const metadataVariant: Rule = (doc) =>
	doc.metadata
		.filter((item) => item.key !== undefined && item.shape !== item.key.shape)
		.map((item) => {
			const written = doc.md.text.slice(item.start, item.valueStart).trim();
			const expected = item.key!.form.trim();
			return {
				code: DiagnosticCode.MetadataVariant,
				message: `Metadata ${quote(written)} is not written as the template writes it: expected ${quote(expected)}.`,
				start: item.start,
				end: item.start + doc.md.text.slice(item.start, item.valueStart).trimEnd().length,
				data: { code: DiagnosticCode.MetadataVariant, expected: item.key!.form, replace: { start: item.start, end: item.valueStart } },
			};
		});
