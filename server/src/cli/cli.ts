import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { URI } from 'vscode-uri';
import { readConfigFile, withConfigFile } from '../configFile';
import { isInside } from '../files/isInside';
import { nodeFileSystem } from '../files/nodeFileSystem';
import { normalizeSettings } from '../service/settings';
import { TemplateCache } from '../templates';
import { FileChecker, displayPath, groupByNumber, withDuplicateNumbers } from './checkFiles';
import { collectFiles } from './collect';
import { runInOrder } from './inOrder';
import { CliOptions, UsageError, help, parseOptions } from './options';
import { Counts, ReportWriter, jsonWriter, sarifWriter, severityOf, summaryNotes, textWriter } from './report';
import { Sink } from './sink';
import { statusJsonWriter, statusTextWriter } from './statusReport';

declare const PACKAGE_VERSION: string;

export interface CliEnvironment {
	readonly cwd: string;
	readonly stdout: Writable & { readonly isTTY?: boolean };
	readonly stderr: Writable;
	readonly env: NodeJS.ProcessEnv;
	/** The bundled service worker (dist/worker.js). */
	readonly workerScript: string;
}

/** Finished results a lane may run ahead of the oldest unreported doc: what bounds memory on any number of docs. */
const windowPerLane = 16;
/**
 * Docs handed to each worker at once: while it parses one, the next ones are
 * already read and queued, so it never waits for this thread to wake up, read
 * a file and post it (on a busy machine, each wake-up waits for a core).
 */
const queuedPerWorker = 4;

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[], environment: CliEnvironment): Promise<number> {
	const say = (line: string) => environment.stderr.write(`design-doc-lint: ${line}\n`);
	try {
		const options = parseOptions(argv);
		if (options === 'help' || options === 'version') {
			const sink = Sink.stdout(environment.stdout);
			await sink.write(`${options === 'help' ? help : PACKAGE_VERSION}\n`);
			await sink.close();
			return 0;
		}
		return await lint(options, environment, say);
	} catch (error) {
		if (error instanceof UsageError) {
			say(error.message);
			return 2;
		}
		throw error;
	}
}

async function lint(options: CliOptions, environment: CliEnvironment, say: (line: string) => void): Promise<number> {
	const { cwd } = environment;
	// The same .designdocrc.json the editor reads, so CI and the editor agree.
	const root = URI.file(cwd).toString();
	const config = await readConfigFile(nodeFileSystem, root);
	if (config.problems.length > 0) {
		throw new UsageError(config.problems.join(' '));
	}
	const settings = normalizeSettings(withConfigFile({}, config));
	const explicitTemplate = options.template === undefined ? undefined : URI.file(resolve(cwd, options.template)).toString();
	if (explicitTemplate) {
		const { problem } = await new TemplateCache(nodeFileSystem).resolve(undefined, root, settings, explicitTemplate);
		if (problem) {
			throw new UsageError(problem.replace(/ Using the bundled kpt template instead\.$/, ''));
		}
	}
	const collected = await collectFiles(options.paths, cwd, options.errorOnUnmatched);
	let sink: Sink;
	try {
		sink = options.outputFile ? await Sink.file(resolve(cwd, options.outputFile), options.outputFile) : Sink.stdout(environment.stdout);
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	const colour = options.color ?? (!options.outputFile && environment.stdout.isTTY === true && !environment.env.NO_COLOR);
	const writer: ReportWriter = options.status
		? options.format === 'json'
			? statusJsonWriter()
			: statusTextWriter()
		: options.format === 'json'
			? jsonWriter()
			: options.format === 'sarif'
				? sarifWriter(PACKAGE_VERSION, (uri) => displayPath(URI.parse(uri).fsPath, cwd))
				: textWriter(colour);

	const { files, groupEnd } = groupByNumber(collected.files);
	const workers = Math.max(1, Math.min(options.jobs, files.length));
	const lanes = workers * queuedPerWorker;
	const checker = new FileChecker({ cwd, settings, explicitTemplate, warn: say }, workers, environment.workerScript);
	const all: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
	const shown: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
	const matchedFolders = new Set<number>();
	let docs = 0;
	let failed = 0;
	try {
		await sink.write(writer.begin());
		await runInOrder(
			files.length,
			lanes,
			lanes * windowPerLane,
			groupEnd,
			(index) => {
				const shared = groupEnd[index] !== index || (index > 0 && groupEnd[index - 1] === groupEnd[index]);
				return checker.check(files[index]!, shared);
			},
			async (group) => {
				for (const result of withDuplicateNumbers(group, settings)) {
					if (!result.isDesignDoc) {
						continue;
					}
					docs++;
					failed += result.failed ? 1 : 0;
					collected.folders.forEach((folder, index) => isInside(result.path, folder.path) && matchedFolders.add(index));
					const diagnostics = result.diagnostics.filter((diagnostic) => {
						const severity = severityOf(diagnostic);
						all[severity]++;
						const show = !options.quiet || severity === 'error';
						shown[severity] += show ? 1 : 0;
						return show;
					});
					await sink.write(writer.doc({ file: displayPath(result.path, cwd), diagnostics, status: result.status }));
				}
			},
		);
		const tooManyWarnings = !options.status && options.maxWarnings !== undefined && all.warning > options.maxWarnings;
		const summary = { docs, counts: shown, failed, ...(tooManyWarnings ? { tooManyWarnings: { warnings: all.warning, maxWarnings: options.maxWarnings! } } : {}) };
		await sink.write(writer.end(summary));
		await sink.close();
		if (options.format !== 'text' || options.status) {
			// The text summary says these; other formats have no place for them.
			summaryNotes(summary).forEach(say);
		}
		const unmatched = options.errorOnUnmatched ? collected.folders.filter((_, index) => !matchedFolders.has(index)) : [];
		unmatched.forEach((folder) => say(`no design docs in ${folder.arg}.`));
		if (failed > 0 || unmatched.length > 0) {
			return 2;
		}
		return !options.status && (all.error > 0 || tooManyWarnings) ? 1 : 0;
	} catch (error) {
		say((error as Error).message);
		return 2;
	} finally {
		checker.dispose();
	}
}
