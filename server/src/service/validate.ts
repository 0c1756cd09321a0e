import type { Finding, Rule, RuleContext } from './finding';
import type { DocOutline } from './outline';
import { emptySection } from './rules/emptySection';
import { fileName } from './rules/fileName';
import { headingVariant } from './rules/headingVariant';
import { metadataVariant } from './rules/metadataVariant';
import { missingMetadata } from './rules/missingMetadata';
import { missingSection } from './rules/missingSection';
import { placeholder } from './rules/placeholder';
import { sectionOrder } from './rules/sectionOrder';
import { templateText } from './rules/templateText';
import { unresolvedQuestion } from './rules/unresolvedQuestion';

const rules: readonly Rule[] = [
	missingSection,
	sectionOrder,
	headingVariant,
	placeholder,
	templateText,
	emptySection,
	missingMetadata,
	metadataVariant,
	unresolvedQuestion,
	fileName,
];

/** Every rule over one outline, in text order. */
export function findings(doc: DocOutline, context: RuleContext): Finding[] {
	return rules.flatMap((rule) => rule(doc, context)).sort((a, b) => a.start - b.start || a.end - b.end);
}
