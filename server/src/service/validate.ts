import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Severity } from './codes';
import type { Finding, Rule, RuleContext } from './finding';
import type { DocOutline } from './outline';
import { emptySection } from './rules/emptySection';
import { fileName } from './rules/fileName';
import { headingVariant } from './rules/headingVariant';
import { missingMetadata } from './rules/missingMetadata';
import { missingSection } from './rules/missingSection';
import { placeholder } from './rules/placeholder';
import { sectionOrder } from './rules/sectionOrder';
import { templateText } from './rules/templateText';
import { unresolvedQuestion } from './rules/unresolvedQuestion';
import type { DesignDocSettings } from './settings';

export const diagnosticSource = 'design-doc';

const rules: readonly Rule[] = [
	missingSection,
	sectionOrder,
	headingVariant,
	placeholder,
	templateText,
	emptySection,
	missingMetadata,
	unresolvedQuestion,
	fileName,
];

const lspSeverity: Readonly<Record<Severity, DiagnosticSeverity>> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

export function findings(doc: DocOutline, context: RuleContext): Finding[] {
	return rules.flatMap((rule) => rule(doc, context)).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Findings as LSP diagnostics for `document`, with the configured severities. */
export function toDiagnostics(document: TextDocument, found: readonly Finding[], settings: DesignDocSettings): Diagnostic[] {
	return found.flatMap((finding) => {
		const severity = settings.severity[finding.code];
		if (severity === 'off') {
			return [];
		}
		const diagnostic: Diagnostic = {
			range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
			severity: lspSeverity[severity],
			code: finding.code,
			source: diagnosticSource,
			message: finding.message,
		};
		if (finding.data) {
			diagnostic.data = finding.data;
		}
		return [diagnostic];
	});
}
