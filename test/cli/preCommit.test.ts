import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../helpers';
import { cleanDoc, cliScript, warningsDoc, workspace } from './lint';

/**
 * Debian's pre-commit runs our `.pre-commit-hooks.yaml` in a scratch git
 * repository: the hook as published, except that it runs this checkout's
 * dist/cli.js (`language: system`) instead of installing the package from
 * npm, so the test runs offline. pre-commit then decides, from the hook's
 * own `files`, `types` and `require_serial`, which files the CLI is given.
 */
function hooks(): Record<string, unknown>[] {
	// pre-commit is Python and brings PyYAML with it.
	const parsed = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', join(root, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
	assert.equal(parsed.status, 0, parsed.stderr);
	return JSON.parse(parsed.stdout);
}

function git(cwd: string, ...args: string[]): void {
	const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
	assert.equal(run.status, 0, run.stderr);
}

test('.pre-commit-hooks.yaml: pre-commit passes the design docs, not other Markdown, and fails on findings', () => {
	const [hook, ...others] = hooks();
	assert.equal(others.length, 0);
	assert.equal(hook!.id, 'design-doc-lint');
	assert.equal(hook!.entry, 'design-doc-lint', 'the package bin');
	assert.equal(hook!.language, 'node');

	const repo = workspace({
		'docs/design-docs/01-faster-rendering.md': cleanDoc,
		'docs/design-docs/00-template.md': readFileSync(join(root, 'server', 'templates', 'kpt-design-doc-template.md'), 'utf8'),
		// Checked as a design doc if it were passed: it would fail.
		'README.md': '# A project\n\nNot a design doc.\n',
		'notes.txt': 'not Markdown\n',
	});
	const config = { repos: [{ repo: 'local', hooks: [{ ...hook, entry: `'${process.execPath}' '${cliScript}'`, language: 'system' }] }] };
	// YAML is a superset of JSON.
	writeFileSync(join(repo, '.pre-commit-config.yaml'), JSON.stringify(config, null, 2));
	const env = { ...process.env, PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'pre-commit-home-')), NO_COLOR: '1' };
	const preCommit = () => spawnSync('pre-commit', ['run', '--all-files', '--verbose', '--color', 'never'], { cwd: repo, encoding: 'utf8', env });
	git(repo, 'init', '-q');
	git(repo, 'add', '-A');

	const clean = preCommit();
	assert.equal(clean.status, 0, clean.stdout + clean.stderr);
	assert.match(clean.stdout, /design-doc-lint\.+Passed/);
	assert.match(clean.stdout, /No problems in 1 design doc\./, 'only the design doc, not README.md; the template is not a doc');

	writeFileSync(join(repo, 'docs/design-docs/01-slower-rendering.md'), warningsDoc);
	writeFileSync(join(repo, 'docs/design-docs/02-no-why.md'), cleanDoc.replace(/## Why[\s\S]*?(?=## Design)/, ''));
	git(repo, 'add', '-A');
	const failing = preCommit();
	assert.equal(failing.status, 1, failing.stdout + failing.stderr);
	assert.match(failing.stdout, /design-doc-lint\.+Failed/);
	assert.match(failing.stdout, /docs\/design-docs\/02-no-why\.md:\d+:\d+  error  .*  missing-section/);
	assert.match(failing.stdout, /docs\/design-docs\/01-faster-rendering\.md:1:1  warning  .*01-slower-rendering\.md.*  duplicate-number/, 'one run sees both docs');
});
