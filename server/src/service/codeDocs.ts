import type { DiagnosticCode } from './codes';

/**
 * The page documenting `code`, under `base` (a URI ending in `/`): one
 * `docs/codes/<code>.md` per code, shipped with the extension so the link in
 * the Problems panel opens offline. Where `base` points is the server's call.
 */
export function codeDocsHref(base: string, code: DiagnosticCode): string {
	return `${base}${code}.md`;
}
