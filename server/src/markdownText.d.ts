/** Markdown files imported as text: esbuild's `text` loader in the bundles, test/register.cjs in tests. */
declare module '*.md' {
	const text: string;
	export default text;
}
