// The CLI's whole-process wall time on a folder of 1,000 design docs (the kpt
// corpus, copied under new numbers), side by side with markdownlint-cli2 on the
// same files. Both are started the same way, `node <script>`: npx only finds
// markdownlint-cli2 (fetching it from the npm registry the first time), so its
// own start-up is not counted against it. Each tool runs once to warm the file
// cache, then the tools take turns, `--runs` times each (which goes first
// alternates), so a change in the machine's load hits both alike. Printed: each
// tool's median and spread, the ratio of medians, the ratio within each pair,
// and the load average before and after.
//   npm run bench:cli [-- --docs 1000 --runs 3 --jobs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: { docs: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' }, jobs: { type: 'string' } },
});
const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, 'test', 'fixtures', 'kpt-design-docs');
const sources = readdirSync(corpus).filter((name) => /^(?!00-)\d+-.*\.md$/.test(name));

const markdownlintBin = realpathSync(
	execFileSync('npm', ['exec', '--yes', '--package=markdownlint-cli2', '--', 'sh', '-c', 'command -v markdownlint-cli2'], { encoding: 'utf8' }).trim(),
);

const folder = mkdtempSync(join(tmpdir(), 'ddl-bench-'));
const docs = join(folder, 'design-docs');
const count = Number(values.docs);
mkdirSync(docs);
for (let index = 0; index < count; index++) {
	const source = sources[index % sources.length];
	copyFileSync(join(corpus, source), join(docs, `${String(index + 1).padStart(4, '0')}-${source.replace(/^\d+-/, '')}`));
}

const tools = {
	'design-doc-lint': [process.execPath, join(root, 'dist', 'cli.js'), ...(values.jobs ? ['--jobs', values.jobs] : []), 'design-docs'],
	'markdownlint-cli2': [process.execPath, markdownlintBin, 'design-docs/*.md'],
};

function time([command, ...args]) {
	const start = process.hrtime.bigint();
	// Reports go nowhere, as in a CI log nobody reads: what is timed is the checking.
	const run = spawnSync(command, args, { cwd: folder, stdio: 'ignore' });
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	// Both exit 1 on findings; anything else means the run did not happen.
	if (run.status !== 0 && run.status !== 1) {
		throw new Error(`${command} ${args.join(' ')} exited ${run.status ?? run.signal}`);
	}
	return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg().map((value) => Number(value.toFixed(1)));
const names = Object.keys(tools);
const runs = Object.fromEntries(names.map((name) => [name, []]));
const loadBefore = load();
try {
	names.forEach((name) => time(tools[name]));
	for (let run = 0; run < Number(values.runs); run++) {
		for (const name of run % 2 === 0 ? names : [...names].reverse()) {
			runs[name].push(time(tools[name]));
		}
	}
} finally {
	rmSync(folder, { recursive: true, force: true });
}
const [ours, theirs] = names;
const summary = Object.fromEntries(
	names.map((name) => [name, { medianMs: Math.round(median(runs[name])), minMs: Math.round(Math.min(...runs[name])), maxMs: Math.round(Math.max(...runs[name])), runsMs: runs[name].map(Math.round) }]),
);
const pairRatios = runs[ours].map((ms, index) => Number((ms / runs[theirs][index]).toFixed(2)));
console.log(
	JSON.stringify(
		{
			docs: count,
			cores: availableParallelism(),
			loadBefore,
			loadAfter: load(),
			...summary,
			ratio: Number((summary[ours].medianMs / summary[theirs].medianMs).toFixed(2)),
			pairRatios,
			goal: '≤ 0.5',
		},
		null,
		2,
	),
);
