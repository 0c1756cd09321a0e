import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CheckOptions, checkDocument } from '../server/src/service/languageService';
import { defaultSettings } from '../server/src/service/settings';
import { parseTemplate } from '../server/src/service/template';

/** The repository: one folder up from test/ here, and from out/ in the bundled benchmark. */
export const root = join(__dirname, '..');
export const fixtures = join(root, 'test', 'fixtures');
// A copy of ../shared/corpus/kpt-design-docs (Apache-2.0, see its SOURCE.md), so a bare clone can run every test.
export const corpus = join(fixtures, 'kpt-design-docs');

/** The code pages' folder (a URI ending in `/`), as the bundled server links it by default: `docs/codes` beside `dist/`. */
export const codeDocs = `${pathToFileURL(join(root, 'docs', 'codes')).href}/`;

export const kptTemplate = parseTemplate(readFileSync(join(root, 'server', 'templates', 'kpt-design-doc-template.md'), 'utf8'), 'kpt');

export function fixture(...path: string[]): string {
	return readFileSync(join(fixtures, ...path), 'utf8');
}

/** Diagnostics of `text` as an in-memory document; `force` so fixtures need no glob or metadata. */
export function check(text: string, options: Partial<CheckOptions> = {}): Diagnostic[] {
	const document = TextDocument.create('untitled:Untitled-1', 'markdown', 1, text);
	return checkDocument(document, { template: kptTemplate, settings: defaultSettings, force: true, ...options }).diagnostics;
}

/** `7:1-8:4 code message`, 1-based, the form fixtures write their expectations in. */
export function describe(diagnostic: Diagnostic): string {
	const { start, end } = diagnostic.range;
	return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${diagnostic.code} ${diagnostic.message}`;
}

/** The lines of a fixture's trailing `<!-- expect ... -->` block (none: no findings expected). */
export function expectations(text: string): string[] {
	const block = /<!-- expect\r?\n([\s\S]*?)-->\s*$/.exec(text);
	return block ? block[1]!.split(/\r?\n/).filter((line) => line.trim() !== '') : [];
}
