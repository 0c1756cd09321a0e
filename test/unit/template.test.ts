import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../../server/src/service/template';
import { check, describe, kptTemplate } from '../helpers';

test('the kpt template becomes a model of its title, metadata and sections', () => {
	assert.equal(kptTemplate.title, 'Title');
	assert.deepEqual(
		kptTemplate.metadata.map(({ label, placeholder }) => [label, placeholder]),
		[
			['Author(s)', '\\<your name\\>, \\<your github alias\\>'],
			['Approver', '\\<kpt-maintainer\\>'],
		],
	);
	assert.deepEqual(
		kptTemplate.sections.map((section) => [section.markdown, section.role ?? '', section.optional]),
		[
			['## Why', '', false],
			['## Design', '', false],
			['## User Guide', '', false],
			['## Open Issues/Questions', 'questions', false],
			['## Alternatives Considered', 'approaches', false],
		],
	);
	assert.deepEqual(kptTemplate.questions, { resolutionKeyword: 'Resolution', notYetResolved: 'Not Yet Resolved' });
	assert.deepEqual([...kptTemplate.placeholderHeadings], ['<question>', '<approach>']);
	assert.match(kptTemplate.sections[0]!.guidance, /^Please provide a reason to have this feature\./);
});

test('"# Review Process" is guidance, not a section, and its text counts as template text', () => {
	assert.ok(!kptTemplate.sections.some((section) => section.heading === 'Review Process'));
	const leftover = 'Reviewers are auto-assigned to review the PR. Optionally, doc owner can mention any specific reviewers on the PR description.';
	assert.ok([...kptTemplate.guidance.keys()].some((text) => text.startsWith(leftover.toLowerCase())));
});

const rfcTemplate = `# \\<Feature name\\>

* Status: \\<draft\\>
* Owner: \\<owner\\>

## Summary

One paragraph explanation of the feature.

## Motivation

Why are we doing this? What use cases does it support?

## Drawbacks (Optional)

Why should we not do this?

## Unresolved Questions

### \\<Question\\>

Outcome: what was decided, or __Open__.
`;

test('another template shape drives every rule: no kpt section is demanded', () => {
	const template = parseTemplate(rfcTemplate, 'rfc.md');
	assert.deepEqual(
		template.sections.map((section) => [section.heading, section.optional, section.role ?? '']),
		[
			['Summary', false, ''],
			['Motivation', false, ''],
			['Drawbacks', true, ''],
			['Unresolved Questions', false, 'questions'],
		],
	);
	assert.deepEqual(template.questions, { resolutionKeyword: 'Outcome', notYetResolved: 'Open' });
	const doc = `# Faster builds

* Status: \\<draft\\>
* Owner: Ada

## Summary

Builds get a cache.

## Motivation

One paragraph explanation of the feature.

## Unresolved questions

### Where does the cache live?

### Who clears it?

Outcome: __Open__
`;
	assert.deepEqual(check(doc, { template }).map(describe), [
		'3:11-3:20 placeholder Placeholder "<draft>" left in "Status": expected a real value.',
		'10:1-10:14 empty-section Section "## Motivation" is empty: expected text of its own under the heading.',
		'12:1-12:42 template-text Template guidance from "## Summary" left in: expected text of your own instead.',
		'14:4-14:24 heading-variant Heading "## Unresolved questions" is a variant of the template\'s "## Unresolved Questions": expected "## Unresolved Questions".',
		'16:5-16:31 unresolved-question Question "Where does the cache live?" has no resolution: expected "Outcome: …" or "__Open__" under it.',
	]);
});
