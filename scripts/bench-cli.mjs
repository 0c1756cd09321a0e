// The CLI's whole-process wall time on a folder of 1,000 design docs (the kpt
// corpus, copied under new numbers), side by side with markdownlint-cli2 on the
// same files. Each tool runs once to warm up (npx fetches markdownlint-cli2 from
// the npm registry the first time), then `--runs` times; medians are compared.
//   npm run bench:cli [-- --docs 1000 --runs 3 --jobs N]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: { docs: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' }, jobs: { type: 'string' } },
});
const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, 'test', 'fixtures', 'kpt-design-docs');
const sources = readdirSync(corpus).filter((name) => /^(?!00-)\d+-.*\.md$/.test(name));

const folder = mkdtempSync(join(tmpdir(), 'ddl-bench-'));
const docs = join(folder, 'design-docs');
const count = Number(values.docs);
spawnSync('mkdir', [docs]);
for (let index = 0; index < count; index++) {
	const source = sources[index % sources.length];
	copyFileSync(join(corpus, source), join(docs, `${String(index + 1).padStart(4, '0')}-${source.replace(/^\d+-/, '')}`));
}

const tools = {
	'design-doc-lint': [process.execPath, join(root, 'dist', 'cli.js'), ...(values.jobs ? ['--jobs', values.jobs] : []), 'design-docs'],
	'markdownlint-cli2': ['npx', '--yes', 'markdownlint-cli2', 'design-docs/*.md'],
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
const results = {};
try {
	for (const [name, command] of Object.entries(tools)) {
		time(command);
		const runs = Array.from({ length: Number(values.runs) }, () => time(command));
		results[name] = { medianMs: Math.round(median(runs)), runsMs: runs.map(Math.round) };
	}
} finally {
	rmSync(folder, { recursive: true, force: true });
}
const ratio = results['design-doc-lint'].medianMs / results['markdownlint-cli2'].medianMs;
console.log(JSON.stringify({ docs: count, ...results, ratio: Number(ratio.toFixed(2)), goal: '≤ 0.5' }, null, 2));
