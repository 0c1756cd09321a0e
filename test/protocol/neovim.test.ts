import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpus, root } from '../helpers';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.error ? 'nvim is not installed: `apt-get install neovim` (Debian) to run the server in a second real editor' : false;

/**
 * Neovim's own LSP client (0.7, as Debian ships it) against the bundled
 * server over stdio: what a Neovim user gets, with no VS Code in the loop.
 * The Lua script reports what it saw to a file, one tab-separated line each.
 */
const script = String.raw`
local input = vim.fn.json_decode(vim.fn.readfile(vim.env.DDA_INPUT))
local out = {}
local function say(...) table.insert(out, table.concat({ ... }, '\t')) end
local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(input.doc))
  vim.bo.filetype = 'markdown'
  local id = vim.lsp.start_client({
    name = 'design-doc',
    cmd = { input.node, input.server, '--stdio' },
    root_dir = input.root,
    workspace_folders = { { uri = vim.uri_from_fname(input.root), name = 'docs' } },
  })
  vim.lsp.buf_attach_client(0, id)
  local function titled()
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.code == 'placeholder' and d.lnum == 0 then return true end
    end
    return false
  end
  if not vim.wait(120000, titled, 20) then
    say('error', 'no placeholder diagnostic on the title')
    return
  end
  local placeholder
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    say('diagnostic', d.lnum, tostring(d.code), lsp.codeDescription and lsp.codeDescription.href or '')
    if d.code == 'placeholder' and d.lnum == 0 then
      -- As vim.lsp.buf.code_action() sends it: 0.7 keeps only code, codeDescription and data of the LSP diagnostic.
      placeholder = {
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        severity = d.severity, code = d.code, source = d.source, message = d.message, data = lsp.data,
      }
    end
  end
  local uri = vim.uri_from_bufnr(0)
  local replies = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', {
    textDocument = { uri = uri }, range = placeholder.range, context = { diagnostics = { placeholder } },
  }, 120000)
  for _, reply in pairs(replies or {}) do
    if reply.error or reply.err then say('error', vim.inspect(reply.error or reply.err)) end
    for _, action in ipairs(reply.result or {}) do
      say('action', action.title)
      if action.edit and action.isPreferred then vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16') end
    end
  end
  say('line', vim.api.nvim_buf_get_lines(0, 0, 1, false)[1])
  local why = vim.fn.search('^## Why$', 'nw') - 1
  local hovers = vim.lsp.buf_request_sync(0, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = why, character = 3 } }, 120000)
  for _, reply in pairs(hovers or {}) do
    if reply.result then say('hover', reply.result.contents.value:gsub('\n', ' ')) end
  end
end
local ok, err = pcall(run)
if not ok then say('error', tostring(err)) end
vim.fn.writefile(out, input.out)
vim.cmd('qa!')
`;

test('Neovim: diagnostics with links on a kpt doc, the preferred quick fix applied, hover on a section heading', { skip }, async () => {
	const folder = mkdtempSync(join(tmpdir(), 'neovim-'));
	try {
		mkdirSync(join(folder, 'design-docs'));
		const doc = join(folder, 'design-docs', '04-arm-build.md');
		copyFileSync(join(corpus, '04-arm-build.md'), doc);
		// Neovim 0.7 does not offer workspace/configuration: settings come from the folder's file. A busy machine parses slowly.
		writeFileSync(join(folder, '.designdocrc.json'), JSON.stringify({ validationTimeoutMs: 60000 }));
		const out = join(folder, 'out.txt');
		writeFileSync(join(folder, 'test.lua'), script);
		writeFileSync(join(folder, 'input.json'), JSON.stringify({ doc, root: folder, out, node: process.execPath, server: join(root, 'dist', 'server.js') }));
		const child = spawn('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${join(folder, 'test.lua')}`], {
			cwd: folder,
			env: { ...process.env, DDA_INPUT: join(folder, 'input.json') },
			stdio: 'ignore',
		});
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
		assert.equal(code, 0);
		const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => line.split('\t'));
		assert.deepEqual(lines.filter(([kind]) => kind === 'error'), []);

		const diagnostics = lines.filter(([kind]) => kind === 'diagnostic');
		assert.ok(diagnostics.some(([, line, code]) => line === '0' && code === 'placeholder'), 'the title placeholder');
		for (const [, , code, href] of diagnostics) {
			assert.match(href!, new RegExp(`^file://.*/docs/codes/${code}\\.md$`), `${code} links its page`);
		}
		const actions = lines.filter(([kind]) => kind === 'action').map(([, title]) => title);
		assert.ok(actions.includes('Disable placeholder for this line'), actions.join(' | '));
		assert.deepEqual(lines.find(([kind]) => kind === 'line'), ['line', '# Arm Build'], 'the quick fix replaced the title');
		const hover = lines.find(([kind]) => kind === 'hover');
		assert.match(hover?.[1] ?? '', /Please provide a reason to have this feature\./);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
});
