import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';

/** A heading that stands for a template section but is spelled differently. */
export const headingVariant: Rule = (doc) =>
	doc.sections
		.filter((section) => section.variant)
		.map((section) => {
			const [start, end] = doc.md.headingTextRange(section.heading);
			const expected = section.template!.heading;
			return {
				code: DiagnosticCode.HeadingVariant,
				message: `Heading ${quote(`## ${section.text}`)} is a variant of the template's ${quote(section.template!.markdown)}: expected ${quote(section.template!.markdown)}.`,
				start,
				end,
				data: { code: DiagnosticCode.HeadingVariant, expected },
			};
		});
