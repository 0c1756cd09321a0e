import { TemplateModel, parseTemplate } from './template';

/** A template's text, named so a parsed model can be cached and reused. */
export interface TemplateSource {
	/** Changes whenever the text does: the path and modification stamp, or `bundled`. */
	readonly key: string;
	readonly text: string;
	/** Where it came from, for messages: a path, or "the bundled kpt template". */
	readonly source: string;
}

/**
 * Parsed templates; a template is parsed once however many docs follow it,
 * and again only when its key says its text changed.
 */
export class TemplateModels {
	/** By source, so an edited template replaces its old model instead of piling up. */
	private readonly models = new Map<string, { key: string; model: TemplateModel }>();

	get(template: TemplateSource): TemplateModel {
		const cached = this.models.get(template.source);
		if (cached?.key === template.key) {
			return cached.model;
		}
		const model = parseTemplate(template.text, template.source);
		this.models.set(template.source, { key: template.key, model });
		return model;
	}
}
