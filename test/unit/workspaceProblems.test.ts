import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../server/src/service/settings';
import type { CheckReply } from '../../server/src/worker/messages';
import { WorkspaceProblems } from '../../server/src/workspaceProblems';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const reply: CheckReply = {
	isDesignDoc: true,
	diagnostics: [],
	anchor: { start: 0, end: 40 },
	status: { title: 'A doc', status: 'draft', author: null, approver: null, sections: [], missingSections: [], questions: [], problems: [] },
};

/** What `recordAll` leaves on the heap, in MB, for docs of a MB each. */
function heapAfterRecording(problems: string, docs: number): number {
	const recorder = new WorkspaceProblems({} as Connection, { docs: () => [], isOpen: () => false, workspaceDiagnostics: () => [] });
	const settings = normalizeSettings({ problems });
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	for (let doc = 0; doc < docs; doc++) {
		// A fresh text per doc, as read from disk: a head cut from it must not keep it alive.
		const text = `# Doc ${doc}\n\n${'A line of the doc.\n'.repeat(55_000)}`;
		recorder.record(TextDocument.create(`file:///w/${doc}.md`, 'markdown', 0, text), reply, settings);
	}
	collectGarbage();
	const after = process.memoryUsage().heapUsed;
	// Keep the recorder alive up to here.
	assert.ok(recorder);
	return (after - before) / 1024 / 1024;
}

test("the workspace's problems keep only the head of each doc, not its whole text", () => {
	// 30 docs of 1 MB: kept whole they would hold 30 MB.
	assert.ok(heapAfterRecording('workspace', 30) < 10);
});

test('in the default mode (open docs only) nothing of the docs is kept', () => {
	assert.ok(heapAfterRecording('open', 30) < 10);
});
