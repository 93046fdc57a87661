-- The language server in a second real editor: Neovim (0.7 from the OS packages), headless, with the
-- README's own setup snippet as its init (test/nvim/run.mjs extracts it). Each check writes a line
-- to the report file: "ok NAME" or "FAIL NAME: why"; the runner counts them against its plan.
-- Only APIs Neovim 0.7 has: vim.lsp.start_client / buf_attach_client / buf_request_sync,
-- vim.diagnostic, vim.wait.
local report = assert(io.open(vim.env.VOD_TIMELINE_NVIM_REPORT, 'w'))
local TIMEOUT = tonumber(vim.env.VOD_TIMELINE_NVIM_TIMEOUT or '20000')
local buf = vim.api.nvim_get_current_buf()

local function line(s)
  report:write(s .. '\n')
  report:flush()
end

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then line('ok ' .. name) else line('FAIL ' .. name .. ': ' .. tostring(err):gsub('\n', ' ')) end
end

local function client()
  return vim.lsp.get_active_clients({ name = 'vod-timeline' })[1]
    or vim.tbl_filter(function(c) return c.name == 'vod-timeline' end, vim.lsp.get_active_clients())[1]
end

local function request(method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  assert(responses, method .. ': ' .. tostring(err or 'no response'))
  for _, r in pairs(responses) do
    assert(not r.err, method .. ' error: ' .. vim.inspect(r.err))
    return r.result
  end
  error(method .. ': no client answered')
end

local function pos(line0, char0)
  return { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = line0, character = char0 } }
end

--- 0-based line of the first line containing `text`.
local function find(text)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find(text, 1, true) then return i - 1, l:find(text, 1, true) - 1 end
  end
  error('no line contains ' .. text)
end

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, string.format('%d:%s', d.lnum, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'))
  end
  table.sort(list)
  return table.concat(list, ' ')
end

check('the README snippet starts the server and attaches it to the buffer', function()
  assert(vim.wait(TIMEOUT, function() local c = client(); return c ~= nil and c.initialized end, 50), 'no initialized vod-timeline client')
  assert(vim.lsp.buf_is_attached(buf, client().id), 'the buffer is not attached')
end)

check('diagnostics: codes on their lines', function()
  -- 0-based lines: MediaID on line 7 of the file, the second clip's object on 11, its "In": "2" on 13.
  local want = '10:timing/overlap 12:schema/number-as-string 6:schema/required'
  assert(vim.wait(TIMEOUT, function() return codes() == want end, 50), 'got "' .. codes() .. '", want "' .. want .. '"')
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    assert(d.source == 'vod-timeline', 'source ' .. tostring(d.source))
    if d.lnum == 6 then assert(d.severity == vim.diagnostic.severity.ERROR, 'MediaID is an error') end
  end
end)

check('hover on a key explains it', function()
  local l, c = find('"TimelineOut"')
  local result = request('textDocument/hover', pos(l, c + 2))
  assert(result and result.contents, 'no hover')
  local text = type(result.contents) == 'table' and (result.contents.value or vim.inspect(result.contents)) or tostring(result.contents)
  assert(text:find('TimelineOut') or text:find('output'), 'hover says: ' .. text)
end)

check('completion inside a clip offers its properties', function()
  local l = find('"Type": "Video"')
  local result = request('textDocument/completion', pos(l, 8))
  local items = result and (result.items or result) or {}
  local labels = {}
  for _, it in ipairs(items) do labels[it.label:gsub('"', '')] = true end
  assert(labels['Speed'] and labels['Effects'], 'labels: ' .. table.concat(vim.tbl_keys(labels), ', '))
end)

check('a quick fix applied: MediaID renamed to MediaId, its error gone', function()
  local l, c = find('"MediaID"')
  local diags = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = 6 })) do table.insert(diags, d.user_data and d.user_data.lsp or d) end
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), range = { start = { line = l, character = c }, ['end'] = { line = l, character = c + 9 } }, context = { diagnostics = diags, only = { 'quickfix' } } }
  local actions = request('textDocument/codeAction', params)
  assert(actions and #actions > 0, 'no code actions')
  local action
  for _, a in ipairs(actions) do if a.edit and a.title:find('MediaId') then action = a break end end
  assert(action, 'no rename fix among: ' .. table.concat(vim.tbl_map(function(a) return a.title end, actions), ' | '))
  vim.lsp.util.apply_workspace_edit(action.edit, client().offset_encoding or 'utf-16')
  assert(select(1, find('"MediaId": "4b15')) == 6, 'the key is renamed in the buffer')
  assert(vim.wait(TIMEOUT, function() return not codes():find('schema/required', 1, true) end, 50), 'still: ' .. codes())
end)

check('formatting: the server formats the document', function()
  vim.api.nvim_buf_set_lines(buf, 0, 1, false, { '{   ' })
  local edits = request('textDocument/formatting', { textDocument = vim.lsp.util.make_text_document_params(buf), options = { tabSize = 2, insertSpaces = true } })
  assert(edits and #edits > 0, 'no edits')
  vim.lsp.util.apply_text_edits(edits, buf, client().offset_encoding or 'utf-16')
  local first = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  assert(first == '{', 'first line after formatting: "' .. first .. '"')
end)

check('document symbols: tracks and clips', function()
  local result = request('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
  assert(result and #result > 0, 'no symbols')
  local names = {}
  local function walk(list) for _, s in ipairs(list) do table.insert(names, s.name); if s.children then walk(s.children) end end end
  walk(result)
  local all = table.concat(names, ' | ')
  for _, want in ipairs({ 'Video track 0', 'Clip 0 · 4b1584', 'Clip 1 · 217bb9', 'Subtitle track 0', '"Hello"' }) do
    assert(all:find(want, 1, true), 'no "' .. want .. '" in symbols: ' .. all)
  end
end)

report:close()
vim.cmd('qa!')
