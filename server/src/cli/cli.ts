import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { checkDocument } from '../service/languageService';
import { readConfigFile, withConfigFile } from '../configFile';
import { titleFromFileName } from '../service/names';
import { normalizeSettings } from '../service/settings';
import { looksLikeDesignDoc, structuralCheck } from '../service/structuralCheck';
import { TemplateModels } from '../service/templateModels';
import { isInside } from '../files/isInside';
import { describeError, nodeFileSystem, readRegularFile } from '../files/nodeFileSystem';
import { TemplateCache, maxTemplateBytes } from '../templates';
import { FileReport, formatJson, formatSarif, formatText, severityOf } from './report';
import { formatStatusJson, formatStatusText } from './statusReport';

declare const PACKAGE_VERSION: string;

const usage = `Usage: design-doc-lint [--format text|json|sarif] [--template FILE] <file|folder>...
       design-doc-lint --status [--format text|json] [--template FILE] <file|folder>...

Checks Markdown design docs against their template (a 00-template.md beside
them, or the bundled kpt template). Folders are searched recursively for design
docs; files named explicitly are always checked.

Options:
  -f, --format FORMAT   text (default), json or sarif
  -t, --template FILE   check every doc against this template
  -s, --status          print each doc's review status instead of its findings
  -h, --help            show this help

Exit status: 0 no errors (always 0 with --status), 1 errors found, 2 usage or I/O problem.`;

/** A problem the user must fix before anything can be checked: exit 2 with one line. */
class UsageError extends Error {}

const skippedFolders = new Set(['node_modules', '.git']);

/** Files bigger than this are not design docs: they are refused before they are read. */
const maxDocumentBytes = 16 * maxTemplateBytes;

export async function main(argv: readonly string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		return await run(argv, cwd);
	} catch (error) {
		if (error instanceof UsageError) {
			return { code: 2, stdout: '', stderr: `design-doc-lint: ${error.message}\n` };
		}
		throw error;
	}
}

async function run(argv: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			options: {
				format: { type: 'string', short: 'f', default: 'text' },
				template: { type: 'string', short: 't' },
				help: { type: 'boolean', short: 'h' },
				status: { type: 'boolean', short: 's' },
			},
		});
	} catch (error) {
		throw new UsageError(`${(error as Error).message}. Run design-doc-lint --help for usage.`);
	}
	const { values, positionals } = parsed;
	if (values.help) {
		return { code: 0, stdout: `${usage}\n`, stderr: '' };
	}
	const format = values.format;
	if (format !== 'text' && format !== 'json' && format !== 'sarif') {
		throw new UsageError(`unknown format "${format}": expected text, json or sarif.`);
	}
	if (values.status && format === 'sarif') {
		throw new UsageError('--status prints text or json, not sarif.');
	}
	if (positionals.length === 0) {
		throw new UsageError('no file or folder given. Usage: design-doc-lint [--format text|json|sarif] <file|folder>...');
	}
	// The same .designdocrc.json the editor reads, so CI and the editor agree.
	const cwdUri = URI.file(cwd).toString();
	const config = await readConfigFile(nodeFileSystem, cwdUri);
	if (config.problems.length > 0) {
		throw new UsageError(config.problems.join(' '));
	}
	const settings = normalizeSettings(withConfigFile({}, config));
	const templates = new TemplateCache(nodeFileSystem);
	const models = new TemplateModels();
	const explicitTemplate = values.template === undefined ? undefined : URI.file(resolve(cwd, values.template)).toString();
	const warnings: string[] = [];
	if (explicitTemplate) {
		const { problem } = await templates.resolve(undefined, cwdUri, settings, explicitTemplate);
		if (problem) {
			throw new UsageError(problem.replace(/ Using the bundled kpt template instead\.$/, ''));
		}
	}

	const reports: FileReport[] = [];
	for (const { path, explicit } of collectFiles(positionals, cwd)) {
		const read = await readRegularFile(path, maxDocumentBytes);
		if ('problem' in read) {
			throw new UsageError(`cannot read ${displayPath(path, cwd)}: ${read.problem}.`);
		}
		const { text } = read;
		const uri = URI.file(path).toString();
		const template = await templates.resolve(uri, cwdUri, settings, explicitTemplate);
		if (template.problem && !warnings.includes(template.problem)) {
			warnings.push(template.problem);
		}
		if (template.uri === uri) {
			continue;
		}
		const file = displayPath(path, cwd);
		// Like VS Code, drop a BOM so positions match what the editor shows.
		const document = TextDocument.create(uri, 'markdown', 1, text.replace(/^\uFEFF/, ''));
		const relativePath = (isInside(path, cwd) ? relative(cwd, path) : path).split(/[/\\]/).join('/');
		const sizeKb = Math.ceil(document.getText().length / 1024);
		if (sizeKb > settings.maxDocumentSizeKb) {
			// As in the editor: too big to parse in reasonable time, so the headings are checked by line scan.
			if (explicit || looksLikeDesignDoc(document.getText(), template.text, relativePath, settings)) {
				const reason = `the document is ${sizeKb} KB, more than the ${settings.maxDocumentSizeKb} KB set in maxDocumentSizeKb`;
				const { diagnostics, status } = structuralCheck(document, template.text, settings, reason, titleFromFileName(basename(path)) ?? 'Untitled');
				reports.push({ file, diagnostics, status });
			}
			continue;
		}
		const result = checkDocument(document, { template: models.get(template), settings, relativePath, force: explicit });
		if (result.isDesignDoc) {
			reports.push({ file, diagnostics: result.diagnostics, status: result.status });
		}
	}

	if (values.status) {
		const stderr = warnings.map((warning) => `design-doc-lint: ${warning}\n`).join('');
		return { code: 0, stdout: `${format === 'json' ? formatStatusJson(reports) : formatStatusText(reports)}\n`, stderr };
	}
	const output =
		format === 'json'
			? formatJson(reports)
			: format === 'sarif'
				? formatSarif(reports, PACKAGE_VERSION)
				: formatText(reports, process.stdout.isTTY === true && !process.env.NO_COLOR);
	const failed = reports.some((report) => report.diagnostics.some((diagnostic) => severityOf(diagnostic) === 'error'));
	return {
		code: failed ? 1 : 0,
		stdout: `${output}\n`,
		stderr: warnings.map((warning) => `design-doc-lint: ${warning}\n`).join(''),
	};
}

/** Markdown files under the given paths, in a stable order, each once. */
function collectFiles(inputs: readonly string[], cwd: string): { path: string; explicit: boolean }[] {
	const files = new Map<string, boolean>();
	for (const input of inputs) {
		const path = resolve(cwd, input);
		let stats;
		try {
			stats = statSync(path);
		} catch (error) {
			throw new UsageError(`cannot read ${input}: ${describeError(error)}.`);
		}
		if (stats.isDirectory()) {
			for (const file of walk(path)) {
				if (!files.has(file)) {
					files.set(file, false);
				}
			}
		} else {
			files.set(path, true);
		}
	}
	return [...files].map(([path, explicit]) => ({ path, explicit }));
}

function walk(folder: string): string[] {
	let entries;
	try {
		entries = readdirSync(folder, { withFileTypes: true });
	} catch (error) {
		throw new UsageError(`cannot read the folder ${folder}: ${describeError(error)}.`);
	}
	return entries
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.flatMap((entry) => {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) {
				return skippedFolders.has(entry.name) ? [] : walk(path);
			}
			return entry.isFile() && /\.md$/i.test(entry.name) ? [path] : [];
		});
}

function displayPath(path: string, cwd: string): string {
	return relative(cwd, path).split(/[/\\]/).join('/') || path;
}
