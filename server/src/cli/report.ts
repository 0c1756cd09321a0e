import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { allCodes, codeDescription, defaultSeverity, Severity } from '../service/codes';
import type { DocStatus } from '../service/status';

/** One checked doc: its path as the user wrote it (relative to the working folder). */
export interface FileReport {
	readonly file: string;
	readonly diagnostics: readonly Diagnostic[];
	readonly status?: DocStatus | undefined;
}

/** The code of the one finding on a doc the CLI could not check (unreadable, or the checker failed on it). */
export const checkFailedCode = 'check-failed';

export type Counts = Record<Severity, number>;

/** What the run found, for the summary: counts of the findings shown, and what decides the exit code. */
export interface Summary {
	readonly docs: number;
	readonly counts: Counts;
	/** Docs that could not be checked. */
	readonly failed: number;
	/** Set when there were more warnings (shown or not) than `--max-warnings` allows. */
	readonly tooManyWarnings?: { readonly warnings: number; readonly maxWarnings: number };
}

/**
 * A report written as the docs come: `begin` once, `doc` per doc in order,
 * `end` once. Each returns the text to write, so nothing but what a format
 * needs (the status table's column widths) is held until the end.
 */
export interface ReportWriter {
	begin(): string;
	doc(report: FileReport): string;
	end(summary: Summary): string;
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

/** The lines a problem about the whole run adds to the summary (also printed on stderr for json and sarif). */
export function summaryNotes(summary: Summary): string[] {
	const notes: string[] = [];
	if (summary.failed > 0) {
		notes.push(`${summary.failed} doc${summary.failed === 1 ? '' : 's'} could not be checked: see the ${checkFailedCode} finding${summary.failed === 1 ? '' : 's'}.`);
	}
	if (summary.tooManyWarnings) {
		const { warnings, maxWarnings } = summary.tooManyWarnings;
		notes.push(`Too many warnings: ${warnings}, more than the ${maxWarnings} allowed by --max-warnings.`);
	}
	return notes;
}

/**
 * A JSON array written as the docs come, each doc giving zero or more
 * elements, laid out as `JSON.stringify(array, null, 2)` lays it out at
 * `indent` (the array's own indentation within a bigger document).
 */
export function jsonArray(elements: (report: FileReport) => readonly unknown[], indent = ''): ReportWriter {
	let first = true;
	return {
		begin: () => '[',
		doc: (report) =>
			elements(report)
				.map((element) => {
					const text = `${first ? '' : ','}\n${indentLines(JSON.stringify(element, null, 2), `${indent}  `)}`;
					first = false;
					return text;
				})
				.join(''),
		end: () => (first ? ']' : `\n${indent}]`),
	};
}

function indentLines(text: string, indent: string): string {
	return text.replace(/^/gm, indent);
}

/** The documented JSON shape: LSP positions, severities as words. */
export function jsonWriter(): ReportWriter {
	return endLine(jsonArray((report) => [
		{
			file: report.file,
			diagnostics: report.diagnostics.map((diagnostic) => ({
				code: diagnostic.code,
				severity: severityOf(diagnostic),
				message: diagnostic.message,
				range: diagnostic.range,
				...(diagnostic.relatedInformation ? { relatedInformation: diagnostic.relatedInformation } : {}),
			})),
		},
	]));
}

/** A whole document on standard output ends with a newline. */
export function endLine(writer: ReportWriter): ReportWriter {
	return { ...writer, end: (summary) => `${writer.end(summary)}\n` };
}

const colours: Readonly<Record<Severity, string>> = { error: '31', warning: '33', information: '36', hint: '90' };

/** `path:line:col  severity  message  code`, 1-based like every compiler's output, then a summary. */
export function textWriter(colour: boolean): ReportWriter {
	const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
	return {
		begin: () => '',
		doc: (report) =>
			report.diagnostics
				.map((diagnostic) => {
					const severity = severityOf(diagnostic);
					const { line, character } = diagnostic.range.start;
					return `${paint('1', `${report.file}:${line + 1}:${character + 1}`)}  ${paint(colours[severity], severity)}  ${diagnostic.message}  ${paint('90', String(diagnostic.code))}\n`;
				})
				.join(''),
		end: (summary) => {
			const { counts } = summary;
			const total = counts.error + counts.warning + counts.information + counts.hint;
			const docs = `${summary.docs} design doc${summary.docs === 1 ? '' : 's'}`;
			const line =
				total === 0
					? `No problems in ${docs}.`
					: `${total} problem${total === 1 ? '' : 's'} in ${docs}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s).`;
			return [line, ...summaryNotes(summary)].map((text) => `${text}\n`).join('');
		},
	};
}

const sarifLevel: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per code (and one
 * for docs that could not be checked), regions 1-based in UTF-16 code units
 * (the unit LSP positions count in). `fileOf` turns a related location's URI
 * into a path like the reports' own.
 */
export function sarifWriter(version: string, fileOf: (uri: string) => string): ReportWriter {
	const rules = [
		...allCodes.map((code) => ({ id: code, description: codeDescription[code], level: sarifLevel[defaultSeverity[code]] })),
		{ id: checkFailedCode, description: 'The doc could not be read, or the checker failed on it.', level: 'error' },
	].map(({ id, description, level }) => ({
		id,
		name: id,
		shortDescription: { text: description },
		fullDescription: { text: description },
		defaultConfiguration: { level },
		properties: { tags: ['design-doc'] },
	}));
	const ruleIds = rules.map((rule) => rule.id);
	const location = (file: string, { start, end }: Diagnostic['range']) => ({
		physicalLocation: {
			artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
			region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
		},
	});
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [{ tool: { driver: { name: 'design-doc-lint', version, rules } }, columnKind: 'utf16CodeUnits', results: [] }],
	};
	// The log around its results, which are streamed in between.
	const [head, tail] = JSON.stringify(log, null, 2).split('"results": []') as [string, string];
	const results = jsonArray(
		(report) =>
			report.diagnostics.map((diagnostic) => ({
				ruleId: String(diagnostic.code),
				ruleIndex: ruleIds.indexOf(String(diagnostic.code)),
				level: sarifLevel[severityOf(diagnostic)],
				message: { text: diagnostic.message },
				locations: [location(report.file, diagnostic.range)],
				...(diagnostic.relatedInformation
					? {
							relatedLocations: diagnostic.relatedInformation.map((related, id) => ({
								id,
								message: { text: related.message },
								...location(fileOf(related.location.uri), related.location.range),
							})),
						}
					: {}),
			})),
		'      ',
	);
	return {
		begin: () => `${head}"results": ${results.begin()}`,
		doc: (report) => results.doc(report),
		end: (summary) => `${results.end(summary)}${tail}\n`,
	};
}
