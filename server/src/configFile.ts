import { confine } from './files/confine';
import type { FileSystem } from './files/fileSystem';
import { isDiagnosticCode } from './service/codes';
import { displayName, joinPath } from './templates';

/** The settings a repository shares between the editor and CI, at the root of the workspace. */
export const configFileName = '.designdocrc.json';

export interface ConfigFile {
	/** The settings it holds, in the shape of the `designDoc.*` settings (invalid keys dropped). */
	readonly settings: Record<string, unknown>;
	/** What is wrong with it, each naming the file and the key: shown to the user, never thrown. */
	readonly problems: readonly string[];
}

const severities = ['error', 'warning', 'information', 'hint', 'off'];
const isStringArray = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Each key of the file, with the check its value must pass and what it must be, in words. */
const keys: Record<string, [check: (value: unknown) => boolean, expected: string]> = {
	severity: [(value) => isObject(value), 'an object of code → severity'],
	include: [isStringArray, 'an array of glob strings'],
	exclude: [isStringArray, 'an array of glob strings'],
	debounceMs: [(value) => typeof value === 'number' && value >= 0, 'a number of milliseconds, 0 or more'],
	template: [(value) => typeof value === 'string', 'a path relative to this file'],
	templateFileName: [(value) => typeof value === 'string' && value.trim() !== '', 'a file name'],
	docsFolder: [(value) => typeof value === 'string', 'a folder path relative to this file'],
	maxDocumentSizeKb: [(value) => typeof value === 'number' && value > 0, 'a number of KB, more than 0'],
	validationTimeoutMs: [(value) => typeof value === 'number' && value > 0, 'a number of milliseconds, more than 0'],
	headingSynonyms: [(value) => isObject(value) && Object.values(value).every(isStringArray), 'an object of heading → array of headings'],
	problems: [(value) => value === 'open' || value === 'workspace', '"open" or "workspace"'],
};

/** Settings files are small; a bigger one is a mistake or an attack, and is not read. */
const maxConfigBytes = 256 * 1024;

/**
 * Reads `.designdocrc.json` from the workspace folder `root`; no file is no
 * settings and no problem. A link to a file outside the folder, a FIFO or a
 * file over the cap is refused with a problem that says so.
 */
export async function readConfigFile(fs: FileSystem, root: string): Promise<ConfigFile> {
	const uri = joinPath(root, configFileName);
	if ((await fs.stat(uri)) === undefined) {
		return { settings: {}, problems: [] };
	}
	const path = displayName(uri);
	const confined = await confine(fs, uri, root);
	const read = 'problem' in confined ? confined : await fs.readText(confined.uri, maxConfigBytes);
	if ('problem' in read) {
		return { settings: {}, problems: [`${path} is not read: ${read.problem}.`] };
	}
	const text = read.text.replace(/^\uFEFF/, '');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		return { settings: {}, problems: [`${path} is not valid JSON: ${(error as Error).message}.`] };
	}
	if (!isObject(raw)) {
		return { settings: {}, problems: [`${path} must hold a JSON object of settings, such as {"severity": {"placeholder": "error"}}.`] };
	}
	const settings: Record<string, unknown> = {};
	const problems: string[] = [];
	for (const [key, value] of Object.entries(raw)) {
		const rule = keys[key];
		if (!rule) {
			problems.push(`${path}: unknown key "${key}"; the keys are ${Object.keys(keys).join(', ')}.`);
		} else if (!rule[0](value)) {
			problems.push(`${path}: "${key}" must be ${rule[1]}, not ${JSON.stringify(value)}.`);
		} else if (key === 'severity') {
			settings.severity = severityEntries(path, value as Record<string, unknown>, problems);
		} else {
			settings[key] = value;
		}
	}
	return { settings, problems };
}

function severityEntries(path: string, value: Record<string, unknown>, problems: string[]): Record<string, unknown> {
	const valid: Record<string, unknown> = {};
	for (const [code, severity] of Object.entries(value)) {
		if (!isDiagnosticCode(code)) {
			problems.push(`${path}: "severity.${code}" is not a diagnostic code.`);
		} else if (typeof severity !== 'string' || !severities.includes(severity)) {
			problems.push(`${path}: "severity.${code}" must be one of ${severities.join(', ')}, not ${JSON.stringify(severity)}.`);
		} else {
			valid[code] = severity;
		}
	}
	return valid;
}

/**
 * The file's settings over the editor's: what CI enforces is what the editor
 * shows. Severities merge code by code.
 */
export function withConfigFile(editor: unknown, file: ConfigFile): Record<string, unknown> {
	const base = isObject(editor) ? editor : {};
	const severity = { ...(isObject(base.severity) ? base.severity : {}), ...(isObject(file.settings.severity) ? file.settings.severity : {}) };
	return { ...base, ...file.settings, severity };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
