import { DiagnosticCode, Severity, defaultSeverity, isDiagnosticCode } from './codes';

export type SeveritySetting = Severity | 'off';

/** Settings after normalisation: every field present and of the right type. */
export interface DesignDocSettings {
	/** Severity per code; `off` drops the code. */
	readonly severity: Readonly<Record<DiagnosticCode, SeveritySetting>>;
	/** Globs (relative to the workspace folder) of files that are design docs whatever their content. */
	readonly include: readonly string[];
	/** Globs of Markdown files that are never design docs. */
	readonly exclude: readonly string[];
	/** Milliseconds to wait after a keystroke before validating. */
	readonly debounceMs: number;
	/** Workspace-relative path of the template; empty to discover `templateFileName` beside the docs. */
	readonly template: string;
	/** File name of a template kept beside the docs. */
	readonly templateFileName: string;
	/** Workspace-relative folder New Design Doc writes to; empty to pick it from the workspace. */
	readonly docsFolder: string;
	/** Docs bigger than this (KB) get only the structural check. */
	readonly maxDocumentSizeKb: number;
	/** Parsing a doc may take this long (ms) before the structural check stands in. */
	readonly validationTimeoutMs: number;
	/** Template heading (without `#`) → other headings that stand for it, in compared form. */
	readonly headingSynonyms: Readonly<Record<string, readonly string[]>>;
	/** Whose findings the Problems panel shows: the open docs', or every design doc's in the workspace. */
	readonly problems: ProblemsScope;
}

export type ProblemsScope = 'open' | 'workspace';

export const defaultSettings: DesignDocSettings = {
	severity: { ...defaultSeverity },
	include: ['**/design-docs/**/*.md', '**/design-doc/**/*.md', '**/docs/design/**/*.md'],
	exclude: ['**/node_modules/**', '**/.git/**'],
	debounceMs: 200,
	template: '',
	templateFileName: '00-template.md',
	docsFolder: '',
	maxDocumentSizeKb: 1024,
	validationTimeoutMs: 1000,
	headingSynonyms: {},
	problems: 'open',
};

/**
 * The settings what the workspace index keeps of a doc depends on: its status,
 * and its findings when they are shown for the whole workspace. Not those that
 * only change when findings are shown, or where new docs go; and severities
 * only in `problems: "workspace"` mode (a status does not depend on them).
 * Changing only the others leaves the index as it is.
 */
export function statusSettings(settings: DesignDocSettings): Partial<DesignDocSettings> {
	const { severity, debounceMs: _debounceMs, docsFolder: _docsFolder, ...rest } = settings;
	return settings.problems === 'workspace' ? { ...rest, severity } : rest;
}

const severityValues: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * Turns whatever a client or a config file sent into complete settings.
 * Unknown keys and values of the wrong type fall back to the defaults, so a
 * typo in settings.json never stops validation.
 */
export function normalizeSettings(raw: unknown): DesignDocSettings {
	const input = isRecord(raw) ? raw : {};
	const severity: Record<DiagnosticCode, SeveritySetting> = { ...defaultSettings.severity };
	if (isRecord(input.severity)) {
		for (const [code, value] of Object.entries(input.severity)) {
			if (isDiagnosticCode(code) && severityValues.includes(value as SeveritySetting)) {
				severity[code] = value as SeveritySetting;
			}
		}
	}
	return {
		severity,
		include: stringArray(input.include) ?? defaultSettings.include,
		exclude: stringArray(input.exclude) ?? defaultSettings.exclude,
		debounceMs:
			typeof input.debounceMs === 'number' && Number.isFinite(input.debounceMs) && input.debounceMs >= 0
				? input.debounceMs
				: defaultSettings.debounceMs,
		template: typeof input.template === 'string' ? input.template.trim() : defaultSettings.template,
		templateFileName:
			typeof input.templateFileName === 'string' && input.templateFileName.trim() !== ''
				? input.templateFileName.trim()
				: defaultSettings.templateFileName,
		docsFolder: typeof input.docsFolder === 'string' ? input.docsFolder.trim() : defaultSettings.docsFolder,
		maxDocumentSizeKb: positive(input.maxDocumentSizeKb) ?? defaultSettings.maxDocumentSizeKb,
		validationTimeoutMs: positive(input.validationTimeoutMs) ?? defaultSettings.validationTimeoutMs,
		headingSynonyms: synonyms(input.headingSynonyms),
		problems: input.problems === 'workspace' ? 'workspace' : defaultSettings.problems,
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"## User Guide": ["Usage"]}` → `{"User Guide": ["Usage"]}`: headings without their `#` marks. */
function synonyms(value: unknown): Record<string, string[]> {
	if (!isRecord(value)) {
		return {};
	}
	const result: Record<string, string[]> = {};
	for (const [heading, alternatives] of Object.entries(value)) {
		const list = stringArray(alternatives);
		if (list) {
			result[stripHashes(heading)] = list.map(stripHashes);
		}
	}
	return result;
}

function stripHashes(heading: string): string {
	return heading.replace(/^\s*#+\s*/, '').trim();
}

function positive(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function stringArray(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}
