import { compactKey, shortForms } from './names';

/**
 * How strongly a doc's heading stands for a template heading, the way a
 * reader judges it. Higher wins: a section is matched by its strongest
 * likeness first, so `## Usage` never takes `## User Guide` from a doc
 * that also has `## User guide`.
 */
export enum Likeness {
	None = 0,
	/** One heading's words hold the other's: `Detailed Design` ⊃ `Design`, `Testing` ⊂ `Test Plan`. */
	Containment = 1,
	/** A common other name: `Usage` for `User Guide`, `Background` for `Why`. */
	Synonym = 2,
	/** The same word stems: `Testing Plan` for `Test Plan`. */
	Stems = 3,
	/** Case, punctuation or a clear short form: `User guide`, `Open issues`, `Alternatives`. */
	ShortForm = 4,
}

/**
 * Other names readers give the usual sections of design docs, RFCs, KEPs and
 * ADRs. Each group is one section; a heading in a group stands for a template
 * heading in the same group. Kept to names that cannot mean another section.
 */
const synonymGroups: readonly (readonly string[])[] = [
	['why', 'motivation', 'background', 'rationale', 'problem statement', 'reason'],
	['user guide', 'usage', 'how to use', 'user documentation', 'user experience', 'guide-level explanation'],
	['design', 'proposal', 'technical design', 'solution', 'reference-level explanation'],
	['alternatives considered', 'alternatives', 'alternative approaches', 'rejected alternatives', 'considered options', 'options considered', 'other options'],
	['prior art', 'related work', 'previous work', 'precedents'],
	['open issues', 'open questions', 'unresolved questions', 'outstanding questions', 'open items'],
	['summary', 'abstract', 'overview', 'tl;dr'],
	['drawbacks', 'downsides', 'disadvantages', 'cons'],
	['goals', 'objectives'],
	['non-goals', 'out of scope'],
	['test plan', 'testing plan', 'testing strategy', 'testing'],
	['future work', 'future possibilities', 'next steps'],
];

const stopWords = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'with', 'by', 'vs', 'its', 'it', 'is', 'are']);

/** Content words of a heading, reduced to their stems: `Testing the Plans` → `test plan`. */
export function stems(text: string): string[] {
	return text
		.toLowerCase()
		.split(/[\s/]+/)
		.map((word) => word.replace(/[^\p{L}\p{N}]+/gu, ''))
		.filter((word) => word !== '' && !stopWords.has(word))
		.map(stem);
}

/** A light stemmer: enough that `Testing`/`Test`, `Details`/`Detailed`, `Considered`/`Considerations` agree. */
function stem(word: string): string {
	let result = word;
	if (result.length > 4 && result.endsWith('ies')) {
		result = `${result.slice(0, -3)}y`;
	} else if (result.length > 3 && result.endsWith('s') && !result.endsWith('ss')) {
		result = result.slice(0, -1);
	}
	for (const suffix of ['ation', 'ing', 'ed', 'ment']) {
		if (result.endsWith(suffix) && result.length - suffix.length >= 4) {
			result = result.slice(0, -suffix.length);
			break;
		}
	}
	return result.length > 4 && result.endsWith('e') ? result.slice(0, -1) : result;
}

const stemKey = (text: string) => stems(text).join(' ');

const groupOf = new Map<string, number>();
synonymGroups.forEach((group, index) => group.forEach((name) => groupOf.set(stemKey(name), index)));

/**
 * The names a template heading goes by: itself and, for `A/B` headings, each
 * alternative with the shared lead (`Open Issues/Questions` → `Open Issues`,
 * `Open Questions`).
 */
function namesOf(heading: string): string[] {
	const parts = heading.split('/').map((part) => part.trim()).filter(Boolean);
	if (parts.length < 2) {
		return [heading];
	}
	const lead = parts[0]!.split(/\s+/).slice(0, -1).join(' ');
	return [heading, ...parts.map((part, index) => (index > 0 && lead ? `${lead} ${part}` : part))];
}

/** What likeness compares of a heading, computed once per heading. */
interface Profile {
	readonly spelling: string;
	readonly key: string;
	readonly words: readonly string[];
	readonly wordSet: ReadonlySet<string>;
	readonly stemKey: string;
	readonly group: number | undefined;
}

function profile(text: string): Profile {
	const words = stems(text);
	const key = words.join(' ');
	return { spelling: spelling(text), key: compactKey(text), words, wordSet: new Set(words), stemKey: key, group: groupOf.get(key) };
}

/** A template heading's profiles: its own and those of its other names. */
interface TemplateProfile {
	readonly own: Profile;
	readonly shortForms: ReadonlySet<string>;
	readonly names: readonly Profile[];
}

function templateProfile(heading: string): TemplateProfile {
	return { own: profile(heading), shortForms: shortForms(heading), names: namesOf(heading).map(profile) };
}

/** How `text` (a doc heading) stands for the template heading `heading`. */
export function likeness(text: string, heading: string): Likeness {
	return compare(profile(text), templateProfile(heading));
}

function compare(doc: Profile, template: TemplateProfile): Likeness {
	if (doc.key === template.own.key || template.shortForms.has(doc.key)) {
		return Likeness.ShortForm;
	}
	if (doc.words.length === 0) {
		return Likeness.None;
	}
	if (template.names.some((name) => name.stemKey === doc.stemKey)) {
		return Likeness.Stems;
	}
	if (doc.group !== undefined && template.names.some((name) => name.group === doc.group)) {
		return Likeness.Synonym;
	}
	return template.names.some((name) => contains(doc, name)) ? Likeness.Containment : Likeness.None;
}

/**
 * `Detailed Design` holds all of `Design`; `Testing` is most of `Test Plan`.
 * A lone word of a longer heading is not enough (`Plan` for `Test Plan and
 * Rollout`): the shorter side must have at least half the longer's words.
 */
function contains(doc: Profile, template: Profile): boolean {
	if (template.words.length === 0) {
		return false;
	}
	if (template.words.every((word) => doc.wordSet.has(word))) {
		return true;
	}
	return doc.words.every((word) => template.wordSet.has(word)) && doc.words.length * 2 >= template.words.length;
}

/** Which template heading each doc heading stands for, and how it was found. */
export interface HeadingMatch {
	/** Index into the template's headings; -1 when it stands for none. */
	readonly index: number;
	/** Named by the team's `headingSynonyms`: as good as the template's own spelling. */
	readonly declared: boolean;
}

/**
 * Matches doc headings to template headings, strongest likeness first: the
 * exact spellings, then the team's own synonyms, then each weaker likeness in
 * turn. Each template heading is taken once, by the first doc heading (in doc
 * order) with the strongest likeness to it.
 *
 * @param synonyms template heading → more headings that stand for it.
 */
export function matchHeadings(
	texts: readonly string[],
	headings: readonly string[],
	synonyms: Readonly<Record<string, readonly string[]>> = {},
): HeadingMatch[] {
	const matches: HeadingMatch[] = texts.map(() => ({ index: -1, declared: false }));
	const taken = new Set<number>();
	// Every doc heading meets every template heading: profile each once, so a
	// 3,000-heading doc against a 200-section template costs compares only.
	const docs = texts.map(profile);
	const templates = headings.map(templateProfile);
	const declaredSpellings = headings.map((heading) =>
		Object.entries(synonyms)
			.filter(([name]) => compactKey(name) === compactKey(heading))
			.flatMap(([, alternatives]) => alternatives.map(spelling)),
	);
	const claim = (test: (position: number, candidate: number) => boolean, declared = false) => {
		docs.forEach((_, position) => {
			if (matches[position]!.index !== -1) {
				return;
			}
			const index = templates.findIndex((_, candidate) => !taken.has(candidate) && test(position, candidate));
			if (index >= 0) {
				matches[position] = { index, declared };
				taken.add(index);
			}
		});
	};
	claim((position, candidate) => docs[position]!.spelling === templates[candidate]!.own.spelling);
	claim((position, candidate) => declaredSpellings[candidate]!.includes(docs[position]!.spelling), true);
	for (const strength of [Likeness.ShortForm, Likeness.Stems, Likeness.Synonym, Likeness.Containment]) {
		claim((position, candidate) => compare(docs[position]!, templates[candidate]!) === strength);
	}
	return matches;
}

/** Only runs of spaces may differ between two spellings of a heading. */
function spelling(text: string): string {
	return text.replace(/\s+/g, ' ');
}

/** Spelled as the template spells it; only runs of spaces may differ. */
export function sameSpelling(text: string, heading: string): boolean {
	return spelling(text) === spelling(heading);
}
