import { Event, MarkdownString, Position, Range, ThemeColor, ThemeIcon, TreeDataProvider, TreeItem, TreeItemCollapsibleState, Uri } from 'vscode';
import type { DocStatusReport } from '../../server/src/protocol';
import type { QuestionStatus, ReviewStatus, SectionStatus } from '../../server/src/service/status';
import type { StatusStore } from './statusStore';
import { statusLabel } from './statusWords';

export type Node =
	| { readonly kind: 'group'; readonly status: ReviewStatus }
	| { readonly kind: 'doc'; readonly report: DocStatusReport }
	| { readonly kind: 'section'; readonly report: DocStatusReport; readonly section: SectionStatus }
	| { readonly kind: 'question'; readonly report: DocStatusReport; readonly question: QuestionStatus };

const groups: readonly ReviewStatus[] = ['draft', 'open-questions', 'ready'];

export const statusIcon: Readonly<Record<ReviewStatus, ThemeIcon>> = {
	draft: new ThemeIcon('edit', new ThemeColor('charts.yellow')),
	'open-questions': new ThemeIcon('question', new ThemeColor('charts.orange')),
	ready: new ThemeIcon('pass', new ThemeColor('charts.green')),
};

const questionIcon = {
	resolved: new ThemeIcon('pass', new ThemeColor('charts.green')),
	'not-yet-resolved': new ThemeIcon('watch', new ThemeColor('charts.orange')),
	unresolved: new ThemeIcon('question', new ThemeColor('charts.red')),
} as const;

const questionWords = { resolved: 'resolved', 'not-yet-resolved': 'Not Yet Resolved', unresolved: 'unresolved' } as const;

/** The "Design Docs" view: docs grouped by review status, each with its sections and questions. */
export class DesignDocsTree implements TreeDataProvider<Node> {
	readonly onDidChangeTreeData: Event<void>;

	constructor(private readonly store: StatusStore) {
		this.onDidChangeTreeData = store.onDidChange;
	}

	getChildren(node?: Node): Node[] {
		if (!node) {
			// No groups at all when there are no docs, so the welcome view shows.
			return groups.filter((status) => this.store.all.some((report) => report.status === status)).map((status) => ({ kind: 'group', status }));
		}
		switch (node.kind) {
			case 'group':
				return this.store.all.filter((report) => report.status === node.status).map((report) => ({ kind: 'doc', report }));
			case 'doc':
				return [
					...node.report.sections.map((section): Node => ({ kind: 'section', report: node.report, section })),
					...node.report.questions.map((question): Node => ({ kind: 'question', report: node.report, question })),
				];
			default:
				return [];
		}
	}

	getParent(node: Node): Node | undefined {
		switch (node.kind) {
			case 'group':
				return undefined;
			case 'doc':
				return { kind: 'group', status: node.report.status };
			default:
				return { kind: 'doc', report: node.report };
		}
	}

	getTreeItem(node: Node): TreeItem {
		switch (node.kind) {
			case 'group': {
				const count = this.store.all.filter((report) => report.status === node.status).length;
				const item = new TreeItem(statusLabel[node.status], TreeItemCollapsibleState.Expanded);
				item.id = `group:${node.status}`;
				item.description = String(count);
				item.iconPath = statusIcon[node.status];
				return item;
			}
			case 'doc': {
				const { report } = node;
				const item = new TreeItem(report.title, TreeItemCollapsibleState.Collapsed);
				item.id = `doc:${report.uri}`;
				item.description = report.description;
				item.iconPath = statusIcon[report.status];
				item.resourceUri = Uri.parse(report.uri);
				item.contextValue = 'designDoc.doc';
				item.tooltip = tooltip(report);
				item.command = { title: 'Open', command: 'vscode.open', arguments: [Uri.parse(report.uri)] };
				return item;
			}
			case 'section': {
				const { section, report } = node;
				const item = new TreeItem(section.heading, TreeItemCollapsibleState.None);
				item.id = `section:${report.uri}:${section.heading}`;
				item.description = section.present ? '' : 'missing';
				item.iconPath = section.present ? new ThemeIcon('check', new ThemeColor('charts.green')) : new ThemeIcon('close', new ThemeColor('charts.red'));
				item.tooltip = section.present ? `## ${section.heading}` : `## ${section.heading} is missing: Insert adds it here.`;
				// A missing section opens where it belongs, with Insert (an inline action) at hand.
				item.contextValue = section.present ? 'designDoc.section' : 'designDoc.missingSection';
				item.command = openAt(report.uri, section.line ?? 0);
				return item;
			}
			case 'question': {
				const { question, report } = node;
				const item = new TreeItem(question.title, TreeItemCollapsibleState.None);
				item.id = `question:${report.uri}:${question.line}`;
				item.description = questionWords[question.state];
				item.iconPath = questionIcon[question.state];
				item.command = openAt(report.uri, question.line);
				return item;
			}
		}
	}
}

function openAt(uri: string, line: number) {
	const position = new Position(line, 0);
	return { title: 'Open', command: 'vscode.open', arguments: [Uri.parse(uri), { selection: new Range(position, position) }] };
}

function tooltip(report: DocStatusReport): MarkdownString {
	const lines = [
		`**${report.title}** — ${statusLabel[report.status]}`,
		'',
		`${report.path}`,
		'',
		`Author: ${report.author ?? '_not named_'}  `,
		`Approver: ${report.approver ?? '_not named_'}`,
	];
	if (report.problems.length > 0) {
		lines.push('', ...report.problems.map((problem) => `- ${problem}`));
	}
	return new MarkdownString(lines.join('\n'));
}
