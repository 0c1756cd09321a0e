import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fixture, root } from '../helpers';

export const cliScript = join(root, 'dist', 'cli.js');

export interface LintRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs dist/cli.js in `cwd`; `env` adds to (or, with undefined, removes from) the environment. */
export function lint(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<LintRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliScript, ...args], { cwd, env: { ...process.env, NO_COLOR: undefined, ...env } });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/**
 * A temporary working folder holding `files` (path → text) and a
 * `.designdocrc.json`. Unless a test is about the time budget, the budget is
 * generous: on a busy machine an ordinary doc must never fall back.
 */
export function workspace(files: Record<string, string>, config: object = { validationTimeoutMs: 120_000 }): string {
	const folder = mkdtempSync(join(tmpdir(), 'ddl-'));
	writeFileSync(join(folder, '.designdocrc.json'), JSON.stringify(config));
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(folder, path)), { recursive: true });
		writeFileSync(join(folder, path), text);
	}
	return folder;
}

/** A doc with no findings, and one with warnings only (placeholders left in). */
export const cleanDoc = fixture('rules', 'complete.md');
export const warningsDoc = fixture('rules', 'placeholder.md').replace(/<!-- expect[\s\S]*$/, '');

export interface JsonReport {
	file: string;
	diagnostics: {
		code: string;
		severity: string;
		message: string;
		range: { start: { line: number; character: number }; end: { line: number; character: number } };
		relatedInformation?: { location: { uri: string; range: unknown }; message: string }[];
	}[];
}
