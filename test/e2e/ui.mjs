// A person's steps on the VS Code workbench page, driven by playwright-core: the keys they
// press (Ctrl+P, Ctrl+., Ctrl+Space, F1) and what they then see (DOM text), with screenshots.
// Run by test/e2e/runner.mjs (its "ui" phase) on a fresh copy of the kpt corpus, with the
// extension installed from the .vsix. Every step waits on DOM states, never on fixed sleeps.
// E2E_UI_GREP=REGEX runs only the steps whose title matches.
//
// Screenshots: always written to out/e2e/screenshots/ (and a failed-*.png for a failed step);
// with E2E_SCREENSHOTS=1 the pictures the README shows are rewritten in media/ too. Taking
// a screenshot never fails a step.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, log } from './vscodeServer.mjs';

const SHOTS = join(ROOT, 'out', 'e2e', 'screenshots');
const MEDIA = join(ROOT, 'media');
const WRITE_MEDIA = process.env.E2E_SCREENSHOTS === '1';
// The longest one wait may last: generous, for a loaded 2-core machine (as in the mocha suite).
const STEP_TIMEOUT_MS = Number(process.env.E2E_WAIT_MS) || 120_000;
const STATUS_ITEM = '[id="design-doc-assistant.design-doc-assistant.designDoc.status"]';

class StepError extends Error {}

function check(condition, message) {
	if (!condition) throw new StepError(message);
}

/** Monaco renders spaces as U+00A0; compare text as a person reads it. */
const plain = (text) => (text ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

async function screenshot(page, name, options = {}) {
	try {
		// The mouse goes where it shows nothing (an empty stretch of the activity bar), so no
		// tooltip of the last thing clicked covers the picture. A hover the step asked for stays.
		if (!options.keepMouse) await page.mouse.move(24, 450);
		mkdirSync(SHOTS, { recursive: true });
		const file = join(SHOTS, name);
		if (options.locator) await options.locator.screenshot({ path: file, animations: 'disabled' });
		// Fade-ins are run to their end (a hover caught half-transparent is no picture).
		else await page.screenshot({ path: file, animations: 'disabled', ...(options.clip ? { clip: options.clip } : {}) });
		if (WRITE_MEDIA && options.media !== false) {
			copyFileSync(file, join(MEDIA, name));
		}
	} catch (err) {
		console.error(`[e2e] screenshot ${name} not taken: ${err.message}`);
	}
}

// ---------------------------------------------------------------- what a person does

/** Ctrl+P, the file's name, Enter; resolves when its editor tab is the active one. */
async function quickOpen(page, file) {
	await page.keyboard.press('Control+P');
	const input = page.locator('.quick-input-widget .quick-input-box input');
	await input.waitFor();
	await page.keyboard.type(file);
	await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: file }).waitFor();
	await page.keyboard.press('Enter');
	await page.locator('.tab.active', { hasText: file }).waitFor();
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** F1, the command's title, Enter (only once the command is the one highlighted). */
async function runCommand(page, title) {
	await page.keyboard.press('F1');
	await page.locator('.quick-input-widget .quick-input-box input').waitFor();
	await page.keyboard.type(title);
	await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor();
	await page.keyboard.press('Enter');
}

/** Ctrl+G and a line number: the cursor goes to the line's start. */
async function goToLine(page, line) {
	await page.keyboard.press('Control+G');
	await page.locator('.quick-input-widget .quick-input-box input').waitFor();
	await page.keyboard.type(String(line));
	await page.keyboard.press('Enter');
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
	await page.locator(`.monaco-editor .line-numbers.active-line-number`, { hasText: new RegExp(`^${line}$`) }).waitFor();
}

function designDocsPane(page) {
	return page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Design Docs"]') });
}

/** The Explorer with the Design Docs view expanded (and the file list folded, for room). */
async function showDesignDocsView(page) {
	await page.keyboard.press('Control+Shift+E');
	const folders = page.locator('.pane-header[aria-label^="Explorer Section"]');
	await folders.waitFor();
	if ((await folders.getAttribute('aria-expanded')) === 'true') {
		await folders.click();
		await page.locator('.pane-header[aria-label^="Explorer Section"][aria-expanded="false"]').waitFor();
	}
	const header = page.locator('.pane-header[aria-label^="Design Docs"]');
	if ((await header.getAttribute('aria-expanded')) !== 'true') {
		await header.click();
		await page.locator('.pane-header[aria-label^="Design Docs"][aria-expanded="true"]').waitFor();
	}
	await designDocsPane(page).locator('.monaco-list-row').first().waitFor();
}

/** Drags the side bar's edge to the right, so the view's descriptions fit (cosmetic: never fails a step). */
async function widenSideBar(page, by) {
	try {
		const sideBar = await page.locator('.part.sidebar').boundingBox();
		const sash = page.locator('.monaco-sash.vertical').filter({ visible: true });
		for (const candidate of await sash.all()) {
			const box = await candidate.boundingBox();
			if (!box || Math.abs(box.x + box.width / 2 - (sideBar.x + sideBar.width)) > 4) continue;
			const y = box.y + box.height / 2;
			await page.mouse.move(box.x + box.width / 2, y);
			await page.mouse.down();
			await page.mouse.move(box.x + box.width / 2 + by, y, { steps: 5 });
			await page.mouse.up();
			return;
		}
	} catch (err) {
		console.error(`[e2e] could not widen the side bar: ${err.message}`);
	}
}

/**
 * Waits until the Design Docs view shows what `expected(rows)` accepts; `rows` are the
 * tree's rendered rows, in order: `{ level, label, description }`. Returns them.
 */
async function waitForTree(page, what, expected) {
	const pane = designDocsPane(page);
	let rows = [];
	const deadline = Date.now() + STEP_TIMEOUT_MS;
	// Re-read on every DOM change of the view (a MutationObserver in the page), bounded.
	for (;;) {
		rows = await pane.locator('.monaco-list-row').evaluateAll((elements) =>
			elements.map((element) => ({
				level: Number(element.getAttribute('aria-level')),
				label: (element.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
				description: (element.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
				expanded: element.getAttribute('aria-expanded'),
			})),
		);
		if (expected(rows)) return rows;
		const left = deadline - Date.now();
		if (left <= 0) break;
		await pane
			.evaluate(
				(element, timeout) =>
					new Promise((resolve) => {
						const observer = new MutationObserver(() => (observer.disconnect(), clearTimeout(timer), resolve()));
						const timer = setTimeout(() => (observer.disconnect(), resolve()), timeout);
						observer.observe(element, { subtree: true, childList: true, characterData: true, attributes: true });
					}),
				Math.min(left, 5000),
			)
			.catch(() => {});
	}
	throw new StepError(`the Design Docs view never showed ${what}; it shows:\n${rows.map((r) => `${'  '.repeat(r.level - 1)}${r.label}  ${r.description}`).join('\n')}`);
}

/** The view's row that `pick(rows)` chooses from the rows `waitForTree` reads (in the list's order). */
async function treeRow(page, pick) {
	const pane = designDocsPane(page);
	const rows = await pane.locator('.monaco-list-row').evaluateAll((elements) =>
		elements.map((element) => ({
			index: element.getAttribute('data-index'),
			level: Number(element.getAttribute('aria-level')),
			label: (element.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
			description: (element.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
		})),
	);
	const row = pick(rows.sort((a, b) => Number(a.index) - Number(b.index)));
	if (!row) throw new StepError(`no such row in the Design Docs view: ${pick}`);
	return pane.locator(`.monaco-list-row[data-index="${row.index}"]`);
}

/** Doc label → its group's label, from the tree's rows (docs are level 2 under a level-1 group). */
function groupsOf(rows) {
	const groups = {};
	let group;
	for (const row of rows) {
		if (row.level === 1) group = row.label;
		else if (row.level === 2) groups[row.label] = group;
	}
	return groups;
}

async function statusBarText(page) {
	return plain(await page.locator(STATUS_ITEM).textContent());
}

/** The walkthrough's steps as the manifest lists them: what the Welcome page must show, in order. */
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const WALKTHROUGH = MANIFEST.contributes.walkthroughs[0];
/** The walkthrough's editor tab is named after the extension. */
const WALKTHROUGH_TAB = `Walkthrough: ${MANIFEST.displayName}`;

/** F1 > Welcome: Open Walkthrough..., then ours; resolves once its page lists every step. */
async function openWalkthrough(page) {
	await runCommand(page, 'Welcome: Open Walkthrough...');
	// The second list (the walkthroughs) replaces the commands: type into it once it shows ours.
	await page.locator('.quick-input-list .monaco-list-row', { hasText: WALKTHROUGH.title }).waitFor();
	await page.keyboard.type('Design Doc');
	await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: WALKTHROUGH.title }).waitFor();
	await page.keyboard.press('Enter');
	await page.locator('.tab.active', { hasText: WALKTHROUGH_TAB }).waitFor();
	await page.locator('.gettingStartedContainer h2.category-title', { hasText: WALKTHROUGH.title }).waitFor();
	const titles = await page.locator('.gettingStartedContainer button.getting-started-step .step-title').allTextContents();
	check(
		JSON.stringify(titles.map(plain)) === JSON.stringify(WALKTHROUGH.steps.map((step) => step.title)),
		`the walkthrough shows the steps ${JSON.stringify(titles)}, not the manifest's`,
	);
}

/** Closes an editor tab with its close button (whatever part of the workbench has the focus). */
async function closeTab(page, title) {
	const tab = page.locator('.tab', { hasText: title });
	await tab.hover();
	await tab.locator('.action-label.codicon-close').click();
	await tab.waitFor({ state: 'detached' });
}

/** A step's row on the walkthrough page (its id ends with the manifest's step id). */
function walkthroughStep(page, id) {
	return page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id$="${id}"]`);
}

/** Waits until the step is checked off (or, with `done` false, checks it is not). */
async function stepDone(page, id, done = true) {
	const step = walkthroughStep(page, id);
	if (done) await page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id$="${id}"][aria-checked="true"]`).waitFor();
	else check((await step.getAttribute('aria-checked')) === 'false', `the walkthrough step ${id} is checked before it was done`);
}

/** Selects a walkthrough step and clicks the button of its description (the command link). */
async function walkthroughButton(page, id, label) {
	const step = walkthroughStep(page, id);
	await step.click();
	await page.locator(`.gettingStartedContainer button.getting-started-step.expanded[data-step-id$="${id}"]`).waitFor();
	await step.locator('.monaco-button, .button-link', { hasText: label }).first().click();
}

/** Whether the frame and every frame it is in are shown (a webview keeps hidden frames around). */
async function frameShown(frame) {
	for (let at = frame; at.parentFrame(); at = at.parentFrame()) {
		const element = await at.frameElement().catch(() => undefined);
		if (!element || !(await element.isVisible())) return false;
	}
	return true;
}

/** The webview of the selected step's Markdown page shows `text`: the page was shipped and rendered. */
async function walkthroughPageShows(page, text) {
	const deadline = Date.now() + STEP_TIMEOUT_MS;
	for (;;) {
		for (const frame of page.frames()) {
			const found = await frame
				.locator('body', { hasText: text })
				.count()
				.catch(() => 0);
			if (found && (await frameShown(frame))) return;
		}
		if (Date.now() > deadline) throw new StepError(`the walkthrough's page never showed "${text}"`);
		await page.waitForEvent('framenavigated', { timeout: 2000 }).catch(() => {});
	}
}

// ---------------------------------------------------------------- the steps

const personSteps = [
	{
		title: "the walkthrough opens from the Command Palette; its buttons open a doc and the Problems panel, and check their steps off",
		async run(page) {
			await openWalkthrough(page);
			// A fresh editor: nothing done yet.
			for (const step of WALKTHROUGH.steps) await stepDone(page, step.id, false);
			// "Open a File" is Quick Open: opening a Markdown doc checks the step off.
			await walkthroughButton(page, 'openDoc', 'Open a File');
			// Filled once Quick Open has the focus: keys typed before would go to the walkthrough's page.
			const input = page.locator('.quick-input-widget .quick-input-box input:focus');
			await input.waitFor();
			await input.fill('05-kpt-fn-exclude.md');
			await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: '05-kpt-fn-exclude.md' }).waitFor();
			await page.keyboard.press('Enter');
			await page.locator('.tab.active', { hasText: '05-kpt-fn-exclude.md' }).waitFor();
			// The step is checked off on the active editor's language (resourceLangId): back to the
			// walkthrough only once the workbench shows it is Markdown.
			await page.locator('#status\\.editor\\.mode', { hasText: 'Markdown' }).waitFor();
			await page.locator('.tab', { hasText: WALKTHROUGH_TAB }).click();
			await stepDone(page, 'openDoc');
			// "Show Problems" opens the panel; its page is the shipped Markdown.
			await walkthroughButton(page, 'seeFinding', 'Show Problems');
			await page.locator('.markers-panel').waitFor();
			await stepDone(page, 'seeFinding');
			await walkthroughPageShows(page, 'Hover a squiggle to read what was expected');
			await stepDone(page, 'applyFix', false);
			await closeTab(page, WALKTHROUGH_TAB);
		},
	},
	{
		title: 'Quick Open opens a design doc; squiggles, the hover and the Problems panel show its diagnostics',
		async run(page) {
			await quickOpen(page, '05-kpt-fn-exclude.md');
			await page.locator('.monaco-editor .squiggly-warning').first().waitFor(); // `# Title`, line 1
			await page.keyboard.press('Control+Shift+M');
			const problems = page.locator('.markers-panel .monaco-list-row');
			for (const text of ['Missing section "## User Guide": expected after "## Design".', 'Title "Title" is the template\'s placeholder', 'has no resolution']) {
				await problems.filter({ hasText: text }).waitFor();
			}
			check((await problems.filter({ hasText: 'missing-section' }).count()) === 1, 'the Problems panel does not name the code missing-section');
			await goToLine(page, 58);
			const squiggle = page.locator('.monaco-editor .squiggly-error').first();
			await squiggle.waitFor();
			// The squiggle is drawn under the text: point at it the way a mouse would.
			const box = await squiggle.boundingBox();
			check(box, 'the squiggle has no box');
			await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
			// The hover: the problem, and (from the extension's hover) what the template asks of `## Design`.
			await page.locator('.monaco-hover', { hasText: 'Missing section' }).first().waitFor();
			await page.locator('.monaco-hover', { hasText: 'Please describe your solution' }).first().waitFor();
			await screenshot(page, 'diagnostics.png', { keepMouse: true });
			await page.keyboard.press('Escape');
		},
	},
	{
		title: 'Ctrl+. opens the quick fix menu; picking "Insert section "## User Guide"" inserts it and the error goes',
		async run(page) {
			await goToLine(page, 58);
			await page.keyboard.press('Control+.');
			const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Insert section "## User Guide"' });
			await fix.waitFor();
			await screenshot(page, 'quick-fix.png');
			// The preferred fix comes first and has the focus; the pointer is blocked until the mouse moves.
			await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Insert section "## User Guide"' }).waitFor();
			await page.keyboard.press('Enter');
			await page.locator('.action-widget').waitFor({ state: 'hidden' });
			await page.locator('.markers-panel .monaco-list-row', { hasText: 'Missing section' }).waitFor({ state: 'detached' });
			// The section is there: Go to Symbol (Ctrl+Shift+O) finds the new heading and shows it.
			await page.keyboard.press('Control+Shift+O');
			await page.keyboard.type('User Guide');
			await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'User Guide' }).waitFor();
			await page.keyboard.press('Enter');
			await page.locator('.monaco-editor .view-line', { hasText: /^##\s+User\s+Guide$/ }).first().waitFor();
		},
	},
	{
		title: "the status bar shows the active doc's review status",
		async run(page) {
			const item = page.locator(STATUS_ITEM);
			// The status follows the inserted section once the server has checked the edit.
			await item
				.filter({ hasText: /Draft/, hasNotText: /missing/ })
				.waitFor()
				.catch(async (err) => {
					throw new StepError(`05 still says a section is missing: ${await statusBarText(page)} (${err.message.split('\n')[0]})`);
				});
			await quickOpen(page, '03-pipeline-merge.md');
			await item.filter({ hasText: /Ready for review/ }).waitFor();
			await screenshot(page, 'status-bar.png', { locator: page.locator('#workbench\\.parts\\.statusbar') });
			await quickOpen(page, '05-kpt-fn-exclude.md');
			await item.filter({ hasText: /Draft/ }).waitFor();
		},
	},
	{
		title: 'the Design Docs view groups the docs by status, and follows an edit (Design Doc: Fix All)',
		async run(page) {
			await showDesignDocsView(page);
			await widenSideBar(page, 140);
			// Docs are checked in the background: wait for the whole picture (seven drafts, one ready, no open questions).
			await waitForTree(page, '7 docs under Draft, Pipeline Merge alone under Ready for review, no Open questions', (rows) => {
				const groups = groupsOf(rows);
				const count = (label) => rows.find((row) => row.level === 1 && row.label === label)?.description;
				return (
					groups['Pipeline Merge'] === 'Ready for review' &&
					// 05's title is still the template's `# Title`: it is listed by its file name.
					groups['05-kpt-fn-exclude.md'] === 'Draft' &&
					Object.keys(groups).length === 8 &&
					count('Draft') === '7' &&
					count('Ready for review') === '1' &&
					count('Open questions') === undefined
				);
			});

			// The edit: Fix All on 05 marks its question Not Yet Resolved and titles it after its file
			// name: it is listed under that title. It stays a Draft: the User Guide the quick-fix step
			// inserted is still empty.
			await page.locator('.tab.active', { hasText: '05-kpt-fn-exclude.md' }).waitFor();
			await runCommand(page, 'Design Doc: Fix All');
			await waitForTree(page, 'Kpt Fn Exclude, titled by Fix All', (rows) => groupsOf(rows)['Kpt Fn Exclude'] === 'Draft');
			// A click on the status bar item reveals the doc in the view, expanded.
			await page.locator(STATUS_ITEM).click();
			const after = await waitForTree(page, 'Kpt Fn Exclude under Draft, expanded, its question Not Yet Resolved', (rows) => {
				const groups = groupsOf(rows);
				return (
					groups['Kpt Fn Exclude'] === 'Draft' &&
					rows.some((row) => row.level === 3 && row.label === 'How should kpt functions handle meta resources?' && row.description === 'Not Yet Resolved')
				);
			});
			const groups = groupsOf(after);
			check(groups['Pipeline Merge'] === 'Ready for review', 'Pipeline Merge left Ready for review');
			const sections = after.filter((row) => row.level === 3 && ['Why', 'Design', 'User Guide', 'Open Issues/Questions', 'Alternatives Considered'].includes(row.label));
			check(sections.length === 5 && sections.every((row) => row.description === ''), `05's sections should all be present: ${JSON.stringify(sections)}`);
			await screenshot(page, 'tree-view.png');
		},
	},
	{
		title: 'a missing section row in the Design Docs view opens its doc, and its inline Insert writes the section',
		async run(page) {
			await showDesignDocsView(page);
			// 07 (Package Orchestration) lacks its Design: expand the doc (its twistie) to show the row.
			const doc = await treeRow(page, (rows) => rows.find((row) => row.level === 2 && row.label === 'Package Orchestration'));
			if ((await doc.getAttribute('aria-expanded')) !== 'true') await doc.locator('.monaco-tl-twistie').click();
			const designOf07 = (rows) => {
				const at = rows.findIndex((row) => row.level === 2 && row.label === 'Package Orchestration');
				return at < 0 ? undefined : rows.slice(at + 1).find((row) => row.level === 3 && row.label === 'Design');
			};
			await waitForTree(page, "07's Design row, missing", (rows) => designOf07(rows)?.description === 'missing');
			// A click on the row opens the doc.
			await (await treeRow(page, designOf07)).locator('.label-name').click();
			await page.locator('.tab.active', { hasText: '07-package-orchestration.md' }).waitFor();
			// Hovered, the row shows its inline Insert action.
			const row = await treeRow(page, designOf07);
			await row.hover();
			const insert = row.locator('.actions .action-label[aria-label="Insert Section"]');
			await insert.waitFor();
			await screenshot(page, 'tree-insert.png', { keepMouse: true });
			await insert.click();
			await page.locator('.monaco-editor .view-line', { hasText: /^##\s+Design$/ }).first().waitFor();
			await waitForTree(page, "07's Design present", (rows) => designOf07(rows)?.description === '');
		},
	},
	{
		title: 'Ctrl+Space on a "## " line lists only the missing sections',
		async run(page) {
			await quickOpen(page, '06-config-as-data.md');
			// Room for the list: the panel (Problems) goes (Ctrl+J).
			if (await page.locator('.part.panel').isVisible()) {
				await page.keyboard.press('Control+J');
				await page.locator('.part.panel').waitFor({ state: 'hidden' });
			}
			await page.locator('.monaco-editor .squiggly-error').first().waitFor();
			// A new heading after the Why section, where the template's Design would go.
			await goToLine(page, 11);
			await page.locator('.monaco-editor .view-line', { hasText: /^##\s+Configuration\s+as\s+Data$/ }).first().waitFor();
			await page.keyboard.press('Enter');
			await page.keyboard.press('Enter');
			await page.keyboard.press('ArrowUp');
			await page.keyboard.press('ArrowUp');
			await page.keyboard.type('## ');
			await page.locator('.monaco-editor .view-line', { hasText: /^##\s*$/ }).first().waitFor();
			await page.keyboard.press('Control+Space');
			const widget = page.locator('.suggest-widget.visible');
			await widget.locator('.monaco-list-row', { hasText: '## Design' }).waitFor();
			const rows = await widget.locator('.monaco-list-row').evaluateAll((elements) =>
				elements.map((element) => ({
					label: (element.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
					snippet: !!element.querySelector('.codicon-symbol-snippet'),
				})),
			);
			const sections = rows.filter((row) => !row.snippet).map((row) => row.label);
			check(
				JSON.stringify(sections) === JSON.stringify(['## Design', '## User Guide', '## Open Issues/Questions', '## Alternatives Considered']),
				`the completion list shows ${JSON.stringify(rows)}`,
			);
			check(!rows.some((row) => row.label === '## Why'), '## Why is offered, but 06 has it');
			// The focused item's documentation: the template's guidance (Ctrl+Space again opens it).
			const details = page.locator('.suggest-details-container .suggest-details');
			if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
			await page.locator('.suggest-details', { hasText: 'Please describe your solution' }).waitFor();
			await screenshot(page, 'completion.png');
			await page.keyboard.press('Escape');
			await widget.waitFor({ state: 'hidden' });
		},
	},
	{
		title: 'New Design Doc from the Command Palette creates 09-release-notes-bot.md and opens it',
		async run(page, { workspace }) {
			await runCommand(page, 'Design Doc: New Design Doc');
			await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New Design Doc' }).waitFor();
			await page.keyboard.type('Release Notes Bot');
			await page.keyboard.press('Enter');
			await page.locator('.tab.active', { hasText: '09-release-notes-bot.md' }).waitFor();
			const file = join(workspace, '09-release-notes-bot.md');
			check(existsSync(file), `no ${file}`);
			const text = readFileSync(file, 'utf8');
			check(text.startsWith('# Release Notes Bot\n'), `09-release-notes-bot.md begins ${JSON.stringify(text.slice(0, 40))}`);
			check(/^## Why$/m.test(text) && /^## Alternatives Considered$/m.test(text), 'the new doc lacks the template sections');
			check(!/^# Review Process/m.test(text), 'the new doc carries the template advice');
			await page.locator('.monaco-editor .view-line', { hasText: /^#\s+Release\s+Notes\s+Bot$/ }).first().waitFor();
			// The view picks the new file up as a draft.
			await waitForTree(page, 'Release Notes Bot as a draft', (rows) => groupsOf(rows)['Release Notes Bot'] === 'Draft');
			await screenshot(page, 'new-doc.png', { media: false });
		},
	},
	{
		title: 'typing "## User Guide" and Enter at the end of a doc leaves the line as typed: Enter accepts no suggestion',
		async run(page) {
			await quickOpen(page, '08-package-variant.md');
			const item = page.locator(STATUS_ITEM);
			// 08's "## Detailed Design" stands for Design: User Guide, Open Issues/Questions and Alternatives Considered are missing.
			await item.filter({ hasText: 'Draft · 3 missing' }).waitFor();
			await page.keyboard.press('Control+End');
			await page.keyboard.press('Enter');
			await page.keyboard.press('Enter');
			// At a person's pace. `#` is a trigger character of Markdown's own completions; a word
			// begun while they are asked for asks every provider again, word-based ones too ("user").
			await page.keyboard.type('## User Guide');
			// The server has the heading: every completion request that typing caused was made.
			await item.filter({ hasText: 'Draft · 2 missing' }).waitFor();
			// The message is read only when there is a suggestion: reading the text of none waits for one until the step's timeout.
			const selected = page.locator('.suggest-widget.visible .monaco-list-row.focused');
			if ((await selected.count()) > 0) throw new StepError(`Enter would accept the suggestion ${plain(await selected.first().textContent())}`);
			await page.keyboard.press('Enter');
			await page.keyboard.type('Words of the design.');
			await page.locator('.monaco-editor .view-line', { hasText: /^Words\s+of\s+the\s+design\.$/ }).waitFor();
			const lines = await page.locator('.monaco-editor .view-line').evaluateAll((elements) =>
				elements.map((element) => ({ top: parseFloat(element.style.top) || 0, text: (element.textContent ?? '').replace(/\u00a0/g, ' ') })),
			);
			const text = lines.sort((a, b) => a.top - b.top).map((line) => line.text);
			const at = text.indexOf('Words of the design.');
			check(at > 0 && text[at - 1] === '## User Guide', `the heading line became ${JSON.stringify(text[at - 1])}`);
			await page.keyboard.press('Control+Z');
		},
	},
	{
		title: 'the walkthrough has checked off every step done above: a fix, the view, a new doc',
		async run(page) {
			await openWalkthrough(page);
			for (const step of WALKTHROUGH.steps) await stepDone(page, step.id);
			await walkthroughStep(page, 'applyFix').click();
			await walkthroughPageShows(page, 'applies every safe fix at once');
			await screenshot(page, 'walkthrough.png');
			await closeTab(page, WALKTHROUGH_TAB);
		},
	},
];

/** The same .vsix moved into VS Code for the Web's web-worker extension host (the runner's user settings). */
const webSteps = [
	{
		title: "in the web-worker extension host: a kpt doc's findings on screen and the Design Docs view",
		async run(page) {
			await quickOpen(page, '05-kpt-fn-exclude.md');
			await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
			await page.keyboard.press('Control+Shift+M');
			await page.locator('.markers-panel .monaco-list-row', { hasText: 'missing-section' }).first().waitFor();
			await showDesignDocsView(page);
			await widenSideBar(page, 140);
			await waitForTree(page, 'the eight kpt docs', (rows) => Object.keys(groupsOf(rows)).length === 8);
			await screenshot(page, 'web-worker-host.png');
		},
	},
];

/**
 * Runs the steps on `page` (a workbench just navigated to), printing a mocha-like report.
 * Each step counts once in `{ passed, failed }`; a failed step does not stop the next.
 * `context.web`: the web-worker extension host's steps instead.
 */
export async function runUiSteps(page, context) {
	page.setDefaultTimeout(STEP_TIMEOUT_MS);
	mkdirSync(SHOTS, { recursive: true });
	for (const old of readdirSync(SHOTS).filter((f) => f.startsWith('failed-'))) rmSync(join(SHOTS, old), { force: true });
	const steps = context.web ? webSteps : personSteps;
	console.log(context.web ? '\nUI steps in VS Code for the Web (installed .vsix, web-worker extension host)' : '\nUI steps (installed .vsix, Playwright on the workbench page)');
	const failures = [];
	let passed = 0;
	try {
		// The workbench is up and the folder listed.
		await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
	} catch (err) {
		console.log(`  1) the workbench did not come up: ${err.message}`);
		return { passed: 0, failed: steps.length };
	}
	// E2E_UI_GREP: only the steps whose title matches (the steps after a skipped one may need its state).
	const only = process.env.E2E_UI_GREP ? new RegExp(process.env.E2E_UI_GREP) : undefined;
	for (const [index, step] of steps.entries()) {
		if (only && !only.test(step.title)) continue;
		context.progress?.(step.title);
		const started = Date.now();
		try {
			await step.run(page, context);
			passed++;
			console.log(`  ✔ ${step.title} (${Date.now() - started}ms)`);
		} catch (err) {
			failures.push({ step, err });
			console.log(`  ${failures.length}) ${step.title}`);
			await screenshot(page, `failed-${index + 1}.png`, { media: false });
			// Whatever was left open (a menu, a list, an input) goes, so the next step starts clean.
			for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
		}
	}
	console.log(`\n  ${passed} passing`);
	if (failures.length) {
		console.log(`  ${failures.length} failing\n`);
		for (const [i, { step, err }] of failures.entries()) {
			console.log(`  ${i + 1}) ${step.title}:\n     ${(err instanceof StepError ? err.message : err.stack ?? String(err)).replace(/\n/g, '\n     ')}\n`);
		}
		log(`screenshots of the failed steps: ${SHOTS}/failed-*.png`);
	}
	return { passed, failed: failures.length };
}
