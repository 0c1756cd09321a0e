import { DiagnosticCode } from '../codes';
import type { Rule } from '../finding';

/** Blocks that repeat the template's guidance instead of saying something of the doc's own. */
export const templateText: Rule = (doc) =>
	doc.leftovers.map(({ nodes, origin }) => ({
		code: DiagnosticCode.TemplateText,
		message: `Template guidance from ${origin} left in: expected text of your own instead.`,
		start: doc.md.start(nodes[0]!),
		end: doc.md.end(nodes[nodes.length - 1]!),
		data: { code: DiagnosticCode.TemplateText },
	}));
