#!/usr/bin/env node
// Renders media/icon.svg (the extension's icon, its source) to media/icon.png, 128x128 with a
// transparent background, in headless Chromium: `node test/e2e/render-icon.mjs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchChromium } from './vscodeServer.mjs';

const SIZE = 128;
const svg = readFileSync(join(ROOT, 'media', 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
	const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
	await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
	await page.locator('svg').waitFor();
	await page.screenshot({ path: join(ROOT, 'media', 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
	console.log(`media/icon.png: ${SIZE}x${SIZE} from media/icon.svg`);
} finally {
	await browser.close();
}
