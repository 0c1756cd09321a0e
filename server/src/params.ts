/**
 * LSP parameters come from another process and are checked before use: a
 * malformed request gets the InvalidParams error the specification
 * prescribes, naming the field, never an internal TypeError; a malformed or
 * stale notification is ignored and logged.
 */
import { ErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionContext, Position, Range } from 'vscode-languageserver-types';

export function invalid(field: string, expected: string): ResponseError<void> {
	return new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${field} must be ${expected}.`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function uriOf(params: unknown): string {
	const uri = isObject(params) && isObject(params.textDocument) ? params.textDocument.uri : undefined;
	if (typeof uri !== 'string') {
		throw invalid('textDocument.uri', 'a string');
	}
	return uri;
}

export function positionOf(value: unknown, field: string): Position {
	if (!isObject(value) || !isCount(value.line) || !isCount(value.character)) {
		throw invalid(field, 'a position of two non-negative integers, line and character');
	}
	return { line: value.line as number, character: value.character as number };
}

export function rangeOf(value: unknown, field: string): Range {
	if (!isObject(value)) {
		throw invalid(field, 'a range with start and end positions');
	}
	return { start: positionOf(value.start, `${field}.start`), end: positionOf(value.end, `${field}.end`) };
}

export function codeActionContextOf(value: unknown): CodeActionContext {
	if (!isObject(value)) {
		throw invalid('context', 'an object with a diagnostics array');
	}
	if (!Array.isArray(value.diagnostics)) {
		throw invalid('context.diagnostics', 'an array');
	}
	value.diagnostics.forEach((diagnostic: unknown, index) => {
		if (!isObject(diagnostic)) {
			throw invalid(`context.diagnostics[${index}]`, 'a diagnostic');
		}
		rangeOf(diagnostic.range, `context.diagnostics[${index}].range`);
	});
	if (value.only !== undefined && !(Array.isArray(value.only) && value.only.every((kind) => typeof kind === 'string'))) {
		throw invalid('context.only', 'an array of code action kinds');
	}
	return value as unknown as CodeActionContext;
}

/**
 * The connection `documents.listen` sees: open and change notifications that
 * the specification does not allow are dropped before they can corrupt a
 * document — after `shutdown`, a change to a doc that is not open, a change
 * whose version is not newer than the doc's, or one with a malformed range.
 */
export function guardedSync(connection: Connection, documents: TextDocuments<TextDocument>, shuttingDown: () => boolean, log: (message: string) => void): Connection {
	const guarded: Connection = Object.create(connection);
	guarded.onDidOpenTextDocument = (handler) =>
		connection.onDidOpenTextDocument((params) => {
			const uri = params?.textDocument?.uri;
			if (shuttingDown()) {
				log(`Ignored didOpen of ${String(uri)}: the server is shutting down.`);
			} else if (typeof uri !== 'string' || typeof params.textDocument.text !== 'string' || !Number.isInteger(params.textDocument.version)) {
				log('Ignored a didOpen without a uri, text and integer version.');
			} else {
				handler(params);
			}
		});
	guarded.onDidChangeTextDocument = (handler) =>
		connection.onDidChangeTextDocument((params) => {
			const uri = params?.textDocument?.uri;
			const current = typeof uri === 'string' ? documents.get(uri) : undefined;
			const version = params?.textDocument?.version;
			const why = shuttingDown()
				? 'the server is shutting down'
				: !current
					? 'the doc is not open'
					: !Number.isInteger(version) || version <= current.version
						? `its version ${String(version)} is not newer than ${current.version}`
						: !Array.isArray(params.contentChanges) || !params.contentChanges.every(isContentChange)
							? 'a change is not a text with an optional valid range'
							: undefined;
			if (why) {
				log(`Ignored didChange of ${String(uri)}: ${why}.`);
			} else {
				handler(params);
			}
		});
	return guarded;
}

function isContentChange(change: unknown): boolean {
	if (!isObject(change) || typeof change.text !== 'string') {
		return false;
	}
	if (change.range === undefined) {
		return true;
	}
	try {
		rangeOf(change.range, 'range');
		return true;
	} catch {
		return false;
	}
}
