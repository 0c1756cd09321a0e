import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DiagnosticCode, Severity, allCodes, codeDescription, defaultSeverity } from '../service/codes';
import type { DocStatus } from '../service/status';

/** One checked doc: its path as the user wrote it (relative to the working folder). */
export interface FileReport {
	readonly file: string;
	readonly diagnostics: readonly Diagnostic[];
	readonly status?: DocStatus | undefined;
}

const severityName: Readonly<Record<DiagnosticSeverity, Severity>> = {
	[DiagnosticSeverity.Error]: 'error',
	[DiagnosticSeverity.Warning]: 'warning',
	[DiagnosticSeverity.Information]: 'information',
	[DiagnosticSeverity.Hint]: 'hint',
};

export function severityOf(diagnostic: Diagnostic): Severity {
	return severityName[diagnostic.severity ?? DiagnosticSeverity.Error];
}

/** The documented JSON shape: LSP positions, severities as words. */
export function formatJson(reports: readonly FileReport[]): string {
	return JSON.stringify(
		reports.map((report) => ({
			file: report.file,
			diagnostics: report.diagnostics.map((diagnostic) => ({
				code: diagnostic.code,
				severity: severityOf(diagnostic),
				message: diagnostic.message,
				range: diagnostic.range,
			})),
		})),
		null,
		2,
	);
}

const colours: Readonly<Record<Severity, string>> = { error: '31', warning: '33', information: '36', hint: '90' };

/** `path:line:col  severity  message  code`, 1-based like every compiler's output, then a summary. */
export function formatText(reports: readonly FileReport[], colour: boolean): string {
	const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
	const lines: string[] = [];
	const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
	for (const report of reports) {
		for (const diagnostic of report.diagnostics) {
			const severity = severityOf(diagnostic);
			counts[severity]++;
			const { line, character } = diagnostic.range.start;
			lines.push(
				`${paint('1', `${report.file}:${line + 1}:${character + 1}`)}  ${paint(colours[severity], severity)}  ${diagnostic.message}  ${paint('90', String(diagnostic.code))}`,
			);
		}
	}
	const total = counts.error + counts.warning + counts.information + counts.hint;
	const docs = `${reports.length} design doc${reports.length === 1 ? '' : 's'}`;
	lines.push(
		total === 0
			? `No problems in ${docs}.`
			: `${total} problem${total === 1 ? '' : 's'} in ${docs}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s).`,
	);
	return lines.join('\n');
}

const sarifLevel: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per code, regions
 * 1-based in UTF-16 code units (the unit LSP positions count in).
 */
export function formatSarif(reports: readonly FileReport[], version: string): string {
	const rules = allCodes.map((code) => ({
		id: code,
		name: code,
		shortDescription: { text: codeDescription[code] },
		fullDescription: { text: codeDescription[code] },
		defaultConfiguration: { level: sarifLevel[defaultSeverity[code]] },
		properties: { tags: ['design-doc'] },
	}));
	const results = reports.flatMap((report) =>
		report.diagnostics.map((diagnostic) => {
			const { start, end } = diagnostic.range;
			return {
				ruleId: String(diagnostic.code),
				ruleIndex: allCodes.indexOf(diagnostic.code as DiagnosticCode),
				level: sarifLevel[severityOf(diagnostic)],
				message: { text: diagnostic.message },
				locations: [
					{
						physicalLocation: {
							artifactLocation: { uri: encodeURI(report.file), uriBaseId: '%SRCROOT%' },
							region: {
								startLine: start.line + 1,
								startColumn: start.character + 1,
								endLine: end.line + 1,
								endColumn: end.character + 1,
							},
						},
					},
				],
			};
		}),
	);
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'design-doc-lint',
						version,
						rules,
					},
				},
				columnKind: 'utf16CodeUnits',
				results,
			},
		],
	};
	return JSON.stringify(log, null, 2);
}
