/**
 * Comparing names the way a reader does: `Author(s)`, `Authors` and `author`
 * are the same key; `User guide` is `User Guide`.
 */
export function compactKey(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '')
		.replace(/s$/, '');
}

/**
 * The short forms a reader takes for a heading: each alternative of a
 * `A/B` heading (`Open Issues/Questions` → `Open Issues`, `Open Questions`,
 * `Questions`), and a leading run of whole words of at least `minPrefix`
 * letters (`Alternatives` for `Alternatives Considered`).
 */
export function shortForms(heading: string): ReadonlySet<string> {
	let forms = shortFormsOf.get(heading);
	if (!forms) {
		forms = computeShortForms(heading);
		shortFormsOf.set(heading, forms);
	}
	return forms;
}

/** Template headings are few and asked about on every validation. */
const shortFormsOf = new Map<string, Set<string>>();

function computeShortForms(heading: string): Set<string> {
	const forms = new Set<string>();
	const parts = heading.split('/').map((part) => part.trim()).filter(Boolean);
	if (parts.length > 1) {
		const lead = parts[0]!.split(/\s+/).slice(0, -1).join(' ');
		for (const part of parts) {
			forms.add(compactKey(part));
			if (lead && part !== parts[0]) {
				forms.add(compactKey(`${lead} ${part}`));
			}
		}
	}
	const words = heading.replace(/\//g, ' ').split(/\s+/).filter(Boolean);
	for (let count = 1; count < words.length; count++) {
		const prefix = compactKey(words.slice(0, count).join(' '));
		if (prefix.length >= minPrefix) {
			forms.add(prefix);
		}
	}
	forms.delete(compactKey(heading));
	return forms;
}

const minPrefix = 6;

/** `NN-lower-case-with-dashes.md`. */
export const docFileNamePattern = /^\d{2,}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

/** `NN-lower-case-with-dashes`: a doc that is a folder's index is named by its folder. */
export const docFolderNamePattern = /^\d{2,}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `keps/sig-node/0007-drain-budgets/README.md` → `0007-drain-budgets`: a doc
 * laid out as a folder of its own (Kubernetes KEPs) is the index (`README.md`,
 * `index.md`) of a numbered folder, and that folder names it. Undefined for
 * any other layout.
 */
export function docFolderName(relativePath: string | undefined): string | undefined {
	const parts = relativePath?.split('/') ?? [];
	const file = parts[parts.length - 1];
	const folder = parts[parts.length - 2];
	return file !== undefined && folder !== undefined && /^(?:readme|index)\.md$/i.test(file) && /^\d+-/.test(folder) ? folder : undefined;
}

/** `Arm Build!` → `arm-build`; empty when nothing usable is left. */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** A conforming name for a badly named file, keeping its number if it has one. */
export function suggestedFileName(fileName: string): string | undefined {
	const stem = fileName.replace(/\.[^.]*$/, '');
	const number = /^(\d+)[\s_-]*/.exec(stem);
	const slug = slugify(number ? stem.slice(number[0].length) : stem);
	if (!slug) {
		return undefined;
	}
	return `${number ? number[1]!.padStart(2, '0') : 'NN'}-${slug}.md`;
}

/** Why a title cannot name a doc, or undefined when it can. */
export function titleProblem(title: string): string | undefined {
	if (title.trim() === '') {
		return 'The title is empty: type a few words, such as "Package Variants".';
	}
	if (slugify(title) === '') {
		return `The title "${title.trim()}" has no letters or digits to make a file name from: type a few words, such as "Package Variants".`;
	}
	return undefined;
}

/** `04-arm-build.md` → `Arm Build`. */
export function titleFromFileName(fileName: string): string | undefined {
	const words = fileName
		.replace(/\.[^.]*$/, '')
		.replace(/^\d+[\s_-]*/, '')
		.split(/[\s_-]+/)
		.filter(Boolean);
	return words.length ? words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ') : undefined;
}
