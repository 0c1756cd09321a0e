import { Diagnostic, DiagnosticRelatedInformation, Location, Range } from 'vscode-languageserver-types';
import { DiagnosticCode } from './codes';
import { quote } from './finding';
import { toDiagnostics } from './diagnostics';
import type { DesignDocSettings } from './settings';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** A design doc on disk, as the workspace index knows it. */
export interface NumberedDoc {
	readonly uri: string;
	/** The folder's URI or path: docs are numbered per folder. */
	readonly folder: string;
	readonly fileName: string;
}

/** `03-pipeline-merge.md` → `03`. */
export function docNumber(fileName: string): string | undefined {
	return /^(\d+)-/.exec(fileName)?.[1];
}

/** The next free two-digit (or longer) number in a folder: one more than the highest in use. */
export function nextFreeNumber(fileNames: readonly string[]): string {
	const highest = Math.max(0, ...fileNames.map((name) => Number(docNumber(name) ?? 0)));
	return String(highest + 1).padStart(2, '0');
}

/**
 * `duplicate-number` for `doc`: every other doc of its folder with the same
 * number, shown as related information, and a free number to rename to.
 */
export function duplicateNumberDiagnostics(
	document: TextDocument,
	doc: NumberedDoc,
	all: readonly NumberedDoc[],
	anchor: { start: number; end: number },
	settings: DesignDocSettings,
	codeDocs?: string,
): Diagnostic[] {
	const number = docNumber(doc.fileName);
	const siblings = all.filter((other) => other.folder === doc.folder);
	const clashes = siblings.filter((other) => other.uri !== doc.uri && docNumber(other.fileName) === number);
	if (number === undefined || clashes.length === 0) {
		return [];
	}
	const suggested = `${nextFreeNumber(siblings.map((other) => other.fileName))}${doc.fileName.slice(number.length)}`;
	const [diagnostic] = toDiagnostics(
		document,
		[
			{
				code: DiagnosticCode.DuplicateNumber,
				message: `Number ${quote(number)} is also used by ${clashes.map((other) => quote(other.fileName)).join(', ')}: expected a number of its own, such as ${quote(suggested)}.`,
				...anchor,
				data: { code: DiagnosticCode.DuplicateNumber, suggested },
			},
		],
		settings,
		codeDocs,
	);
	if (!diagnostic) {
		return [];
	}
	diagnostic.relatedInformation = clashes.map((other) =>
		DiagnosticRelatedInformation.create(Location.create(other.uri, Range.create(0, 0, 0, 0)), `${other.fileName} has the same number`),
	);
	return [diagnostic];
}
