import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** A problem the user must fix before anything can be checked: exit 2 with one line. */
export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'sarif';

export interface CliOptions {
	readonly paths: readonly string[];
	readonly format: Format;
	readonly template: string | undefined;
	readonly status: boolean;
	readonly jobs: number;
	/** Undefined: any number of warnings passes. */
	readonly maxWarnings: number | undefined;
	readonly quiet: boolean;
	/** Undefined: colour when writing to a terminal and `NO_COLOR` is not set. */
	readonly color: boolean | undefined;
	readonly outputFile: string | undefined;
	readonly errorOnUnmatched: boolean;
}

export const usageLine =
	'Usage: design-doc-lint [--format text|json|sarif] [--template FILE] [--status] [--jobs N] [--max-warnings N] [--quiet] [--color|--no-color] [--output-file FILE] [--no-error-on-unmatched] [--version] [--help] <file|folder>...';

export const help = `${usageLine}

Checks Markdown design docs against their template (a 00-template.md beside
them, or the bundled kpt template). Folders are searched recursively for design
docs; files named explicitly are always checked.

Options:
  -f, --format FORMAT        text (default), json or sarif
  -t, --template FILE        check every doc against this template
  -s, --status               print each doc's review status instead of its findings
  -j, --jobs N               check N docs at a time (default: the number of cores)
      --max-warnings N       fail (exit 1) when there are more than N warnings
  -q, --quiet                report errors only
      --color, --no-color    force colours on or off (default: on for a terminal, off with NO_COLOR)
  -o, --output-file FILE     write the report to FILE instead of standard output
      --no-error-on-unmatched  a path that holds no design doc is not an error
  -v, --version              print the version
  -h, --help                 show this help

Exit status: 0 no errors (and no more warnings than --max-warnings; always with
--status), 1 errors or too many warnings, 2 a usage or I/O problem, or a doc the
checker failed on.`;

/** The command line, checked; `help` and `version` are answered before anything else. */
export function parseOptions(argv: readonly string[]): CliOptions | 'help' | 'version' {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			options: {
				format: { type: 'string', short: 'f', default: 'text' },
				template: { type: 'string', short: 't' },
				status: { type: 'boolean', short: 's' },
				jobs: { type: 'string', short: 'j' },
				'max-warnings': { type: 'string' },
				quiet: { type: 'boolean', short: 'q' },
				color: { type: 'boolean' },
				'no-color': { type: 'boolean' },
				'output-file': { type: 'string', short: 'o' },
				'no-error-on-unmatched': { type: 'boolean' },
				version: { type: 'boolean', short: 'v' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (error) {
		throw new UsageError(`${(error as Error).message}. ${usageLine}`);
	}
	const { values, positionals } = parsed;
	if (values.help) {
		return 'help';
	}
	if (values.version) {
		return 'version';
	}
	const format = values.format;
	if (format !== 'text' && format !== 'json' && format !== 'sarif') {
		throw new UsageError(`unknown format "${format}": expected text, json or sarif.`);
	}
	if (values.status && format === 'sarif') {
		throw new UsageError('--status prints text or json, not sarif.');
	}
	if (values.color && values['no-color']) {
		throw new UsageError('--color and --no-color contradict each other: give one.');
	}
	if (positionals.length === 0) {
		throw new UsageError(`no file or folder given. ${usageLine}`);
	}
	return {
		paths: positionals,
		format,
		template: values.template,
		status: values.status === true,
		jobs: values.jobs === undefined ? availableParallelism() : count('--jobs', values.jobs, 1),
		maxWarnings: values['max-warnings'] === undefined ? undefined : count('--max-warnings', values['max-warnings'], 0),
		quiet: values.quiet === true,
		color: values.color ? true : values['no-color'] ? false : undefined,
		outputFile: values['output-file'],
		errorOnUnmatched: values['no-error-on-unmatched'] !== true,
	};
}

function count(option: string, value: string, minimum: number): number {
	if (!/^\d+$/.test(value) || Number(value) < minimum || !Number.isSafeInteger(Number(value))) {
		throw new UsageError(`${option} takes a whole number${minimum > 0 ? ` of at least ${minimum}` : ''}, not "${value}".`);
	}
	return Number(value);
}
