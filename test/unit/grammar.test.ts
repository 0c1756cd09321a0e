import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, IGrammar, Registry, parseRawGrammar } from 'vscode-textmate';
import { root } from '../helpers';

// The injection grammar is tested as VS Code runs it: injected into the real
// Markdown grammar (VS Code's, as packaged by tm-grammars) by vscode-textmate.
const injectionPath = join(root, 'syntaxes', 'design-doc.injection.tmLanguage.json');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let grammar: IGrammar;

before(async () => {
	const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
	await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
	const registry = new Registry({
		onigLib: Promise.resolve({ createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (text) => new oniguruma.OnigString(text) }),
		loadGrammar: async (scopeName) => {
			if (scopeName === 'text.html.markdown') {
				return parseRawGrammar(readFileSync(require.resolve('tm-grammars/grammars/markdown.json'), 'utf8'), 'markdown.json');
			}
			if (scopeName === 'design-doc.injection') {
				return parseRawGrammar(readFileSync(injectionPath, 'utf8'), injectionPath);
			}
			return null;
		},
		getInjections: (scopeName) =>
			manifest.contributes.grammars
				.filter((contribution: { injectTo: string[] }) => contribution.injectTo.includes(scopeName))
				.map((contribution: { scopeName: string }) => contribution.scopeName),
	});
	grammar = (await registry.loadGrammar('text.html.markdown'))!;
});

/** Each token's text with its most specific scope, for the lines of `text`. */
function scopes(text: string): Map<string, string[]> {
	const found = new Map<string, string[]>();
	let state = INITIAL;
	for (const line of text.split('\n')) {
		const result = grammar.tokenizeLine(line, state);
		for (const token of result.tokens) {
			const value = line.slice(token.startIndex, token.endIndex);
			found.set(value, [...(found.get(value) ?? []), ...token.scopes.filter((scope) => scope.endsWith('.design-doc'))]);
		}
		state = result.ruleStack;
	}
	return found;
}

const sample = [
	'# Title',
	'',
	'* Author(s): \\<your name\\>',
	'* Approver: Grace',
	'',
	'## Open Issues/Questions',
	'',
	'### Where?',
	'',
	'Resolution: __Not Yet Resolved__',
	'',
	'```yaml',
	'Resolution: kept as is \\<inside code\\>',
	'```',
	'',
	'Some `Resolution: inline code` here.',
	'',
	'<!-- Resolution: in a comment -->',
].join('\n');

test('Resolution:, the Not Yet Resolved marker, placeholders and metadata keys get standard scopes', () => {
	const found = scopes(sample);
	assert.deepEqual(found.get('Resolution'), ['keyword.other.resolution.design-doc']);
	assert.ok(found.get(':')!.includes('punctuation.separator.key-value.design-doc'));
	assert.deepEqual(found.get('Not Yet Resolved'), ['keyword.control.not-yet-resolved.design-doc']);
	assert.ok(found.get('your name')!.includes('variable.parameter.placeholder.design-doc'));
	assert.deepEqual(found.get('Author(s)'), ['support.type.property-name.design-doc']);
	assert.deepEqual(found.get('Approver'), ['support.type.property-name.design-doc']);
});

test('nothing is scoped inside fenced code, inline code or comments', () => {
	const found = scopes(sample);
	for (const [text, names] of found) {
		if (/inside code|inline code|in a comment/.test(text)) {
			assert.deepEqual(names, [], text);
		}
	}
	assert.equal([...found.keys()].filter((text) => text.includes('inside code')).length > 0, true);
});

test('the manifest contributes the grammar as an injection into Markdown', () => {
	assert.deepEqual(manifest.contributes.grammars, [
		{ scopeName: 'design-doc.injection', path: './syntaxes/design-doc.injection.tmLanguage.json', injectTo: ['text.html.markdown'] },
	]);
});
