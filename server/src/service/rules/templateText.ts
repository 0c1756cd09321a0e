import { DiagnosticCode } from '../codes';
import type { Rule } from '../finding';

/** Blocks that repeat the template's guidance instead of saying something of the doc's own. */
export const templateText: Rule = (doc) =>
	doc.leftovers.map(({ node, origin }) => ({
		code: DiagnosticCode.TemplateText,
		message: `Template guidance from ${origin} left in: expected text of your own instead.`,
		start: doc.md.start(node),
		end: doc.md.end(node),
		data: { code: DiagnosticCode.TemplateText },
	}));
