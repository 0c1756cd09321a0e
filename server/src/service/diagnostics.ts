import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Severity } from './codes';
import { codeDocsHref } from './codeDocs';
import type { Finding } from './finding';
import type { DesignDocSettings } from './settings';

export const diagnosticSource = 'design-doc';

const lspSeverity: Readonly<Record<Severity, DiagnosticSeverity>> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

/**
 * Findings as LSP diagnostics for `document`, with the configured severities;
 * with `codeDocs` (the URI of the code pages' folder, ending in `/`), each links its code's page.
 */
export function toDiagnostics(document: TextDocument, found: readonly Finding[], settings: DesignDocSettings, codeDocs?: string): Diagnostic[] {
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
		if (codeDocs !== undefined) {
			diagnostic.codeDescription = { href: codeDocsHref(codeDocs, finding.code) };
		}
		if (finding.data) {
			diagnostic.data = finding.data;
		}
		if (finding.related) {
			diagnostic.relatedInformation = finding.related.map((related) => ({
				location: { uri: document.uri, range: { start: document.positionAt(related.start), end: document.positionAt(related.end) } },
				message: related.message,
			}));
		}
		return [diagnostic];
	});
}
