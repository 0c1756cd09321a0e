import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allCodes, codeDescription } from '../../server/src/service/codes';
import { defaultSettings } from '../../server/src/service/settings';

interface Schema {
	readonly type?: string;
	readonly default?: unknown;
	readonly enum?: readonly string[];
	readonly order?: number;
	readonly markdownDescription?: string;
	readonly properties?: Record<string, Schema>;
	readonly additionalProperties?: boolean | Schema;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
	contributes: { configuration: { title: string; order: number; properties: Record<string, Schema> }[] };
};
const categories = manifest.contributes.configuration;
const contributed: Record<string, Schema> = Object.assign({}, ...categories.map((category) => category.properties));

/** Read by vscode-languageclient itself (the client's id is `designDoc`), not by our code. */
const readByTheLanguageClient = ['designDoc.trace.server'];
/** Every setting the server reads: the keys of the normalised settings. */
const readByTheServer = Object.keys(defaultSettings).map((key) => `designDoc.${key}`);

test('every setting the code reads is contributed, and nothing else is', () => {
	assert.deepEqual(Object.keys(contributed).sort(), [...readByTheServer, ...readByTheLanguageClient].sort());
});

test("each contributed default is the server's default", () => {
	for (const [key, value] of Object.entries(defaultSettings)) {
		const schema = contributed[`designDoc.${key}`]!;
		if (key === 'severity') {
			// `{}`: codes not listed keep their defaults, which are the per-code defaults below.
			assert.deepEqual(schema.default, {});
			const perCode = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([code, property]) => [code, property.default]));
			assert.deepEqual(perCode, value);
		} else {
			assert.deepEqual(schema.default, value, key);
		}
	}
});

test('severity is editable code by code in the Settings UI: each code a property with the same choices', () => {
	const severity = contributed['designDoc.severity']!;
	assert.equal(severity.additionalProperties, false, 'a typo in a code is flagged in settings.json');
	assert.deepEqual(Object.keys(severity.properties ?? {}), [...allCodes]);
	for (const code of allCodes) {
		const property = severity.properties![code]!;
		assert.deepEqual(property.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
		assert.equal(property.markdownDescription, codeDescription[code], code);
	}
});

test('the Settings UI shows the settings in titled groups, each in a stated order, every one described', () => {
	assert.deepEqual(
		categories.map((category) => [category.title, category.order]),
		[
			['Design docs', 1],
			['Checks', 2],
			['Performance', 3],
			['Troubleshooting', 4],
		],
	);
	for (const category of categories) {
		const orders = Object.values(category.properties).map((schema) => schema.order);
		assert.deepEqual(orders, orders.map((_, index) => index + 1), category.title);
	}
	for (const [key, schema] of Object.entries(contributed)) {
		assert.ok(schema.markdownDescription && schema.markdownDescription.length > 20, `${key} has no description`);
	}
});

test('the walkthrough: open a doc, see a finding, apply a fix, open the view, create a doc; its pages and commands exist', () => {
	const full = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
		files: string[];
		contributes: {
			commands: { command: string }[];
			walkthroughs: { steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[] }[];
		};
	};
	const [walkthrough] = full.contributes.walkthroughs;
	assert.deepEqual(walkthrough!.steps.map((step) => step.id), ['openDoc', 'seeFinding', 'applyFix', 'openView', 'createDoc']);
	const ours = new Set(full.contributes.commands.map((command) => command.command));
	for (const step of walkthrough!.steps) {
		assert.ok(existsSync(join(__dirname, '..', '..', step.media.markdown)), step.media.markdown);
		assert.ok(full.files.some((pattern) => step.media.markdown.startsWith(pattern)), `${step.media.markdown} is not packaged`);
		assert.ok(step.completionEvents.length > 0, step.id);
		// The kinds VS Code's walkthroughs check off on (its contributes.walkthroughs schema): an
		// activation event such as onLanguage is silently never seen.
		for (const event of step.completionEvents) {
			assert.match(event, /^(onCommand|onLink|onView|onSettingChanged|onContext|onExtensionInstalled):.|^onStepSelected$/, `${step.id}: ${event} is no walkthrough completion event`);
		}
		for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
			assert.ok(!command!.startsWith('designDoc.') || ours.has(command!), `${step.id} links ${command}, which is not contributed`);
		}
	}
});
