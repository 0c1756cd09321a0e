/**
 * `npm run bench [-- --json]`: the performance goals, measured in one run as
 * ratios of timings taken side by side (the machine is shared and noisy;
 * absolute times mean little). The contestants of each ratio take turns,
 * A/B/A/B, so a noisy moment hits both; every key is the median of its
 * per-round values, with their spread (min–max). It runs bundled by esbuild,
 * like the server it measures, so both sides of every ratio run the same kind
 * of code.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { lint } from 'markdownlint/sync';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { DidChangeTextDocumentNotification, type Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../server/src/service/languageService';
import { defaultSettings } from '../server/src/service/settings';
import { statusesChangedNotification } from '../server/src/protocol';
import { corpus, kptTemplate, root } from '../test/helpers';
import { LspClient } from '../test/protocol/lspClient';

const rounds = Number(process.env.BENCH_ITERATIONS ?? 30);
/** Rounds of the slow pairs: a 600 KB parse, indexing 1,000 docs, the hostile docs. */
const slowRounds = Number(process.env.BENCH_SLOW_ROUNDS ?? 3);
const benchDoc = readFileSync(join(corpus, '08-package-variant.md'), 'utf8');
const bareParse = (text: string) => unified().use(remarkParse).parse(text);

interface Spread {
	readonly median: number;
	readonly min: number;
	readonly max: number;
}

function spread(values: readonly number[]): Spread {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

function time(run: () => void): number {
	const start = performance.now();
	run();
	return performance.now() - start;
}

/**
 * Runs each contestant in turn, round after round, after `warmup` rounds;
 * each returns the milliseconds it took. Their times, per round.
 */
async function interleaved(contestants: Record<string, () => number | Promise<number>>, count: number, warmup: number): Promise<Record<string, number[]>> {
	const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contestants).map((name) => [name, []]));
	for (let round = 0; round < count + warmup; round++) {
		for (const [name, run] of Object.entries(contestants)) {
			const elapsed = await run();
			if (round >= warmup) {
				samples[name]!.push(elapsed);
			}
		}
	}
	return samples;
}

/** Per-round ratios of two contestants' times. */
const ratios = (a: readonly number[], b: readonly number[]) => a.map((value, index) => value / b[index]!);

function validate(text: string): void {
	const document = TextDocument.create('file:///bench/08-package-variant.md', 'markdown', 1, text);
	checkDocument(document, { template: kptTemplate, settings: defaultSettings, relativePath: 'design-docs/08-package-variant.md' });
}

/** A workspace on disk: `files` (relative path → text) in a fresh temporary folder. */
function workspaceFolder(files: Record<string, string>): string {
	const folder = mkdtempSync(join(tmpdir(), 'design-docs-bench-'));
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(folder, path, '..'), { recursive: true });
		writeFileSync(join(folder, path), text);
	}
	return folder;
}

/** 08's footnote-style lines made definitions (`[^x]: url`), and the doc repeated to about `size` characters. */
function linkDefinitionsDoc(size: number): string {
	const labels = [...new Set([...benchDoc.matchAll(/\[\^([\w-]+)\]/g)].map((match) => match[1]!))];
	const definitions = labels.map((label) => `[^${label}]: https://example.com/notes/${label}`).join('\n');
	const copy = `${benchDoc.replace(/^\[\^[\w-]+\]:.*$/gm, '')}\n\n${definitions}\n\n`;
	return copy.repeat(Math.ceil(size / copy.length));
}

/**
 * One-character keystrokes (typed, then deleted the next time, so the text
 * stays the same however long it runs) at the start, middle and end of a
 * `file:` doc in a workspace, through `dist/server.js` with workspace rules
 * on, each time to its diagnostics; taking turns with a bare parse of the text.
 */
async function keystrokes(text: string, count: number, warmup: number, settings: object): Promise<Record<string, number[]>> {
	const folder = workspaceFolder({
		'docs/design-docs/09-doc.md': text,
		// A clash, so `duplicate-number` has something to say.
		'docs/design-docs/09-other.md': benchDoc,
		'docs/design-docs/01-first.md': benchDoc,
	});
	const client = new LspClient({ configuration: () => ({ debounceMs: 0, ...settings }) });
	try {
		await client.initialize({ configuration: true, rootUri: pathToFileURL(folder).href });
		await client.notification(statusesChangedNotification.method);
		const uri = pathToFileURL(join(folder, 'docs/design-docs/09-doc.md')).href;
		let version = 1;
		await client.open(uri, text, version);
		await client.diagnostics(uri, 1);
		const document = TextDocument.create(uri, 'markdown', 1, text);
		const typed = new Set<string>();
		const keystroke = (name: string, at: Position) => async () => {
			const undo = typed.has(name);
			const change = undo ? { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' } : { range: { start: at, end: at }, text: 'x' };
			version++;
			const start = performance.now();
			await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
			const published = await client.diagnosticsWhere(uri, 0, (params) => params.version === version);
			if (published.diagnostics.every((diagnostic) => diagnostic.code !== 'duplicate-number')) {
				throw new Error('the workspace rule did not run');
			}
			const elapsed = performance.now() - start;
			if (undo) {
				typed.delete(name);
			} else {
				typed.add(name);
			}
			return elapsed;
		};
		return await interleaved(
			{
				// The line after the title: an edit that leaves the title alone.
				start: keystroke('start', { line: 1, character: 0 }),
				middle: keystroke('middle', document.positionAt(text.indexOf('\n', text.length >> 1) + 1)),
				end: keystroke('end', document.positionAt(text.length)),
				parse: () => time(() => bareParse(text)),
			},
			count,
			warmup,
		);
	} finally {
		await client.stop();
		rmSync(folder, { recursive: true, force: true });
	}
}

/** The worst of start, middle and end: its median ratio to the bare parse, with that ratio's spread. */
function worstKeystroke(samples: Record<string, number[]>): { ratio: Spread; at: string; note: string } {
	const byPlace = ['start', 'middle', 'end'].map((at) => ({ at, ratio: spread(ratios(samples[at]!, samples.parse!)), ms: spread(samples[at]!).median }));
	const worst = byPlace.reduce((a, b) => (b.ratio.median > a.ratio.median ? b : a));
	const note = byPlace.map(({ at, ratio, ms: median }) => `${at} ${ms(median)} (${round(ratio.median)})`).join(', ');
	return { ratio: worst.ratio, at: worst.at, note: `${note}; bare parse ${ms(spread(samples.parse!).median)}` };
}

/** 1,000 docs (copies of the corpus) to their statuses: a cold start, a warm start from the first one's index, and bare parses of the same texts. */
async function indexing(count: number): Promise<{ cold: number[]; warm: number[]; parse: number[]; rssMb: number[] }> {
	const sources = readdirSync(corpus).filter((name) => /^0[1-8]/.test(name));
	const files: Record<string, string> = {};
	for (let n = 0; n < 1000; n++) {
		files[`docs/design-docs/${Math.floor(n / 100)}/${String(n % 100).padStart(2, '0')}-doc.md`] = readFileSync(join(corpus, sources[n % sources.length]!), 'utf8');
	}
	const texts = Object.values(files);
	const folder = workspaceFolder(files);
	const rssMb: number[] = [];
	let storage = '';
	const start = async (cold: boolean) => {
		if (cold) {
			storage = mkdtempSync(join(tmpdir(), 'design-docs-bench-storage-'));
		}
		const client = new LspClient();
		try {
			const begin = performance.now();
			await client.initialize({ rootUri: pathToFileURL(folder).href, initializationOptions: { storageUri: pathToFileURL(storage).href } });
			await client.notification(statusesChangedNotification.method);
			const elapsed = performance.now() - begin;
			if (cold) {
				rssMb.push(client.peakRssMb());
			}
			return elapsed;
		} finally {
			await client.stop();
			if (!cold) {
				rmSync(storage, { recursive: true, force: true });
			}
		}
	};
	try {
		const samples = await interleaved({ parse: () => time(() => texts.forEach(bareParse)), cold: () => start(true), warm: () => start(false) }, count, 1);
		return { cold: samples.cold!, warm: samples.warm!, parse: samples.parse!, rssMb };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** Time to diagnostics (or the skip notice) through the server, per hostile doc, per round. */
async function hostile(count: number): Promise<Record<string, number[]>> {
	const header = '# Hostile\n\n* Author(s): Ada\n* Approver: Grace\n\n## Why\n\n';
	const inputs: Record<string, string> = {
		'* ×8000': '* '.repeat(8000),
		'> ×50000': '>'.repeat(50000),
		'**_* ×20000': '**_* '.repeat(20000),
		'10 MB doc': 'A paragraph of an ordinary design doc, repeated.\n\n'.repeat(210_000),
		'5 MB line': 'word '.repeat(1_048_576),
	};
	const times: Record<string, number[]> = Object.fromEntries(Object.keys(inputs).map((name) => [name, []]));
	for (let round = 0; round < count; round++) {
		const client = new LspClient({ configuration: () => ({ debounceMs: 0 }) });
		try {
			await client.initialize({ configuration: true });
			for (const [name, body] of Object.entries(inputs)) {
				const uri = `untitled:${encodeURIComponent(name)}`;
				const start = performance.now();
				await client.open(uri, header + body);
				await client.diagnostics(uri);
				times[name]!.push(performance.now() - start);
				await client.close(uri);
			}
		} finally {
			await client.stop();
		}
	}
	return times;
}

async function main(): Promise<void> {
	const json = process.argv.includes('--json');
	const inProcess = await interleaved(
		{
			parse: () => time(() => bareParse(benchDoc)),
			validate: () => time(() => validate(benchDoc)),
			markdownlint: () => time(() => lint({ strings: { doc: benchDoc } })),
		},
		rounds,
		5,
	);
	const keystroke = worstKeystroke(await keystrokes(benchDoc, rounds, 5, {}));
	const bigDoc = linkDefinitionsDoc(600 * 1024);
	// The first check of a 600 KB doc may run past the default budget on a busy machine; keystrokes are what is measured.
	const linkDefs = worstKeystroke(await keystrokes(bigDoc, slowRounds * 2, 1, { validationTimeoutMs: 600_000 }));
	const index = await indexing(slowRounds);
	const hostileTimes = await hostile(slowRounds);
	const hostileMax = spread(Object.values(hostileTimes)[0]!.map((_, round) => Math.max(...Object.values(hostileTimes).map((times) => times[round]!))));
	// The server process loads this one bundle; it is its own worker (server/src/serverMain.ts).
	const serverCodeKb = Math.round(statSync(join(root, 'dist', 'server.js')).size / 1024);

	const keys: Record<string, { value: Spread; goal: string; note: string; digits?: number }> = {
		validateVsParse: {
			value: spread(ratios(inProcess.validate!, inProcess.parse!)),
			goal: '≤ 1.10',
			note: `validate ${ms(spread(inProcess.validate!).median)} ÷ bare parse ${ms(spread(inProcess.parse!).median)} (08-package-variant.md, 62 KB)`,
		},
		validateVsMarkdownlint: {
			value: spread(ratios(inProcess.validate!, inProcess.markdownlint!)),
			goal: '≤ 0.5',
			note: `÷ markdownlint default rules ${ms(spread(inProcess.markdownlint!).median)}`,
		},
		keystrokeVsParse: {
			value: keystroke.ratio,
			goal: '≤ 0.10',
			note: `file: doc, workspace rules on, worst at ${keystroke.at}: ${keystroke.note}`,
		},
		keystrokeLinkDefsVsParse: {
			value: linkDefs.ratio,
			goal: '≤ 0.10',
			note: `${Math.round(bigDoc.length / 1024)} KB with link definitions, worst at ${linkDefs.at}: ${linkDefs.note}`,
		},
		indexColdVsParse: {
			value: spread(ratios(index.cold, index.parse)),
			goal: '≤ 0.6',
			note: `1,000 docs to statuses ${ms(spread(index.cold).median)} ÷ bare parses ${ms(spread(index.parse).median)}`,
		},
		indexWarmVsParse: { value: spread(ratios(index.warm, index.parse)), goal: '≤ 0.05', note: `second start, nothing changed: ${ms(spread(index.warm).median)}` },
		workspaceRssMb: { value: spread(index.rssMb), goal: '≤ 250', note: 'peak RSS of the server process while indexing cold', digits: 0 },
		hostileMaxMs: {
			value: hostileMax,
			goal: '≤ 1500',
			note: Object.entries(hostileTimes)
				.map(([name, times]) => `${name}: ${Math.round(spread(times).median)} ms`)
				.join(', '),
			digits: 0,
		},
		serverCodeKb: { value: { median: serverCodeKb, min: serverCodeKb, max: serverCodeKb }, goal: '≤ 400', note: 'dist/server.js: the server and its worker', digits: 0 },
	};
	const widths = [26, 8, 16, 8];
	console.log(`${'key'.padEnd(widths[0]!)}${'median'.padEnd(widths[1]!)}${'spread'.padEnd(widths[2]!)}${'goal'.padEnd(widths[3]!)}measured`);
	for (const [name, { value, goal, note, digits = 3 }] of Object.entries(keys)) {
		const show = (number: number) => String(round(number, digits));
		console.log(`${name.padEnd(widths[0]!)}${show(value.median).padEnd(widths[1]!)}${`${show(value.min)}–${show(value.max)}`.padEnd(widths[2]!)}${goal.padEnd(widths[3]!)}${note}`);
	}
	if (json) {
		const result: Record<string, unknown> = Object.fromEntries(Object.entries(keys).map(([name, { value, digits = 3 }]) => [name, round(value.median, digits)]));
		result.spread = Object.fromEntries(Object.entries(keys).map(([name, { value, digits = 3 }]) => [name, [round(value.min, digits), round(value.max, digits)]]));
		console.log(JSON.stringify(result));
	}
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const ms = (value: number) => `${value.toFixed(1)} ms`;

void main();
