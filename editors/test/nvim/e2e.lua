-- End-to-end test of the copydesk Neovim plugin in a real, headless Neovim.
--
--   nvim --headless --clean -n -l e2e.lua
--
-- Environment:
--   COPYDESK_PLUGIN    editors/nvim (put on 'runtimepath')
--   COPYDESK_ARTICLE   the example article (a copy; the test never saves it)
--   COPYDESK_ENCODING  utf-8 | utf-16: the only position encoding offered
--   COPYDESK_E2E_ONLY  optional comma list of case names to run
--   copydesk must be on PATH (the plugin's default cmd).
--
-- Prints "ok - NAME" / "not ok - NAME: why" per case, then "N passed, N failed".

local plugin = assert(os.getenv('COPYDESK_PLUGIN'), 'COPYDESK_PLUGIN is not set')
local article = assert(os.getenv('COPYDESK_ARTICLE'), 'COPYDESK_ARTICLE is not set')
local encoding = os.getenv('COPYDESK_ENCODING') or 'utf-16'
local only = os.getenv('COPYDESK_E2E_ONLY')
local TIMEOUT = 15000

vim.o.swapfile = false
vim.opt.runtimepath:prepend(plugin)
vim.cmd('runtime plugin/copydesk.lua')
vim.cmd('filetype on')

-- Capture what the plugin tells the user.
local notifications = {}
vim.notify = function(message, level)
  table.insert(notifications, { message = message, level = level })
end

vim.lsp.config('copydesk', {
  capabilities = { general = { positionEncodings = { encoding } } },
})
vim.lsp.enable('copydesk')

local function client()
  return vim.lsp.get_clients({ name = 'copydesk', bufnr = 0 })[1]
end

local function mismatched_quote_diagnostics()
  return vim.tbl_filter(function(d)
    return d.code == 'mismatched-quote'
  end, vim.diagnostic.get(0))
end

--- (0-based line, 0-based byte column) of `needle` (plain) + `offset` bytes, in the current buffer.
local function find(needle, offset)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return lnum - 1, col - 1 + (offset or 0)
    end
  end
  error('not in the buffer: ' .. needle)
end

-- The opening mark wrongly used as a closing mark after "defense ministries".
local QUOTE_CONTEXT = 'defense ministries\226\128\156'
local function expected_quote_position()
  return find(QUOTE_CONTEXT, #'defense ministries')
end

-- After one open found no diagnostics at all, later cases wait less for them.
local diagnostics_timeout = TIMEOUT

--- Opens a fresh copy of the article; true once the server attached and published.
local function open_article()
  vim.cmd('silent! %bwipeout!')
  vim.cmd.edit(vim.fn.fnameescape(article))
  assert(vim.bo.filetype == 'text', 'filetype is ' .. vim.bo.filetype)
  assert(vim.wait(TIMEOUT, function()
    return client() ~= nil and client().initialized
  end, 20), 'no copydesk server attached')
  local ok = vim.wait(diagnostics_timeout, function()
    return #mismatched_quote_diagnostics() > 0
  end, 20)
  if not ok then
    diagnostics_timeout = 2000
  end
  return ok
end

local function wait_for_quote_at(lnum, col)
  return vim.wait(TIMEOUT, function()
    for _, d in ipairs(mismatched_quote_diagnostics()) do
      if d.lnum == lnum and d.col == col then
        return true
      end
    end
    return false
  end, 20)
end

local function describe_diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, ('%s@%d:%d'):format(tostring(d.code), d.lnum, d.col))
  end
  return table.concat(out, ' ')
end

local function hover_at(lnum, col)
  vim.api.nvim_win_set_cursor(0, { lnum + 1, col })
  local c = client()
  local params = vim.lsp.util.make_position_params(0, c.offset_encoding)
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, TIMEOUT) or {}
  local result = responses[c.id] and responses[c.id].result
  if not result then
    return nil
  end
  local contents = result.contents
  if type(contents) == 'table' and contents.value then
    return contents.value
  elseif type(contents) == 'string' then
    return contents
  end
  return vim.inspect(contents)
end

--- Code actions at a byte range of line `lnum` in the current buffer.
local function code_actions(lnum, col, end_col)
  local c = client()
  local line = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(0),
    range = {
      start = { line = lnum, character = vim.str_utfindex(line, c.offset_encoding, col, false) },
      ['end'] = { line = lnum, character = vim.str_utfindex(line, c.offset_encoding, end_col, false) },
    },
    context = { diagnostics = {}, triggerKind = 1 },
  }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, TIMEOUT) or {}
  return (responses[c.id] and responses[c.id].result) or {}
end

local function apply_action(action)
  local c = client()
  if not action.edit and c:supports_method('codeAction/resolve') then
    local response = c:request_sync('codeAction/resolve', action, TIMEOUT, 0)
    action = response and response.result or action
  end
  assert(action.edit, 'the action has no edit: ' .. vim.inspect(action))
  vim.lsp.util.apply_workspace_edit(action.edit, c.offset_encoding)
end

local function buffer_text()
  return table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
end

--- The changed region between two texts: byte range in `before` and the new text.
local function changed_region(before, after)
  local prefix = 0
  while prefix < #before and prefix < #after and before:byte(prefix + 1) == after:byte(prefix + 1) do
    prefix = prefix + 1
  end
  local suffix = 0
  while
    suffix < #before - prefix
    and suffix < #after - prefix
    and before:byte(#before - suffix) == after:byte(#after - suffix)
  do
    suffix = suffix + 1
  end
  return prefix, #before - suffix, after:sub(prefix + 1, #after - suffix)
end

local DATE = 'February 24 last year'
local function date_rewrite_action()
  local lnum, col = find(DATE)
  for _, action in ipairs(code_actions(lnum, col, col + #'February 24')) do
    if action.title and action.title:match('^Rewrite as') then
      return action
    end
  end
  return nil
end

local cases = {}
local function case(name, fn)
  table.insert(cases, { name = name, fn = fn })
end

case('attaches with the ' .. encoding .. ' position encoding', function()
  open_article()
  assert(client().offset_encoding == encoding, 'negotiated ' .. tostring(client().offset_encoding))
end)

case('mismatched-quote diagnostic on the mark after "defense ministries"', function()
  assert(open_article(), 'no mismatched-quote diagnostic; got: ' .. describe_diagnostics())
  local lnum, col = expected_quote_position()
  local found = {}
  for _, d in ipairs(mismatched_quote_diagnostics()) do
    table.insert(found, ('%d:%d-%d:%d'):format(d.lnum, d.col, d.end_lnum, d.end_col))
    if d.lnum == lnum and d.col == col then
      assert(d.end_lnum == lnum and d.end_col > col, 'range ends at ' .. d.end_lnum .. ':' .. d.end_col)
      assert(d.message and #d.message > 0, 'empty message')
      return
    end
  end
  error(('expected a mismatched-quote at %d:%d (0-based line:byte), got %s'):format(lnum, col, table.concat(found, ', ')))
end)

case('hover on "Putin" shows the actor card', function()
  open_article()
  local lnum, col = find('Vladimir Putin', #'Vladimir ' + 2)
  local text = hover_at(lnum, col)
  assert(text, 'no hover on Putin')
  assert(text:find('Putin', 1, true), 'hover does not name Putin: ' .. text)
  assert(text:find('President', 1, true), 'hover does not say President: ' .. text)
end)

case('date code action "Rewrite as ..." changes exactly the date', function()
  open_article()
  local action = date_rewrite_action()
  assert(action, 'no "Rewrite as ..." action on "February 24"')
  local before = buffer_text()
  apply_action(action)
  local after = buffer_text()
  local from, to, inserted = changed_region(before, after)
  assert(from ~= to or #inserted > 0, 'the buffer did not change')
  local date_start = before:find(DATE, 1, true) - 1
  assert(
    from >= date_start and to <= date_start + #DATE,
    ('the edit replaced %q, outside the date %q'):format(before:sub(from + 1, to), DATE)
  )
  assert(action.title:find(inserted, 1, true), ('the title %q does not show the new text %q'):format(action.title, inserted))
end)

case('an edit moves the diagnostics', function()
  assert(open_article(), 'server did not attach')
  local lnum, col = expected_quote_position()
  assert(wait_for_quote_at(lnum, col), 'no diagnostic at the start: ' .. describe_diagnostics())
  -- Two lines above it: the diagnostic moves down two lines.
  vim.api.nvim_buf_set_lines(0, 0, 0, false, { 'An editor added this line.', '' })
  assert(wait_for_quote_at(lnum + 2, col), 'did not move down: ' .. describe_diagnostics())
  -- Words before it on its own line: it moves right by their length.
  local prefix = 'Meanwhile, '
  vim.api.nvim_buf_set_text(0, lnum + 2, 0, lnum + 2, 0, { prefix })
  assert(wait_for_quote_at(lnum + 2, col + #prefix), 'did not move right: ' .. describe_diagnostics())
end)

case('settings reach the server without a restart', function()
  open_article()
  local id = client().id
  require('copydesk').push_settings({ dates = { style = 'iso' } })
  local action
  local ok = vim.wait(TIMEOUT, function()
    action = date_rewrite_action()
    return action ~= nil and action.title:find('2022-02-24', 1, true) ~= nil
  end, 100)
  require('copydesk').push_settings({ dates = { style = 'ap' } })
  assert(ok, 'after dates.style = iso the rewrite says: ' .. (action and action.title or 'nothing'))
  assert(client().id == id, 'the server was restarted')
end)

case(':CopydeskNormalizeDates rewrites the dates', function()
  open_article()
  local before = buffer_text()
  local done, message
  require('copydesk').normalize_dates(0, function(applied, text)
    done, message = applied, text
  end)
  assert(vim.wait(TIMEOUT, function()
    return done ~= nil
  end, 20), 'no answer')
  assert(done, message)
  assert(buffer_text() ~= before, 'the buffer did not change')
  assert(not buffer_text():find('February 24', 1, true), '"February 24" was not rewritten')
end)

case(':checkhealth copydesk finds the binary and the server', function()
  open_article()
  vim.cmd('silent checkhealth copydesk')
  local report = buffer_text()
  vim.cmd('bwipeout!')
  assert(report:find('copydesk 0%.'), 'no binary version in: ' .. report)
  assert(report:find('server copydesk'), 'no running server in: ' .. report)
  assert(not report:find('ERROR'), 'errors in: ' .. report)
end)

case('a killed server is reported and :CopydeskRestart brings it back', function()
  open_article()
  local old = client().id
  local pid
  for _, child in ipairs(vim.api.nvim_get_proc_children(vim.fn.getpid())) do
    local info = vim.api.nvim_get_proc(child)
    if info and info.name == 'copydesk' then
      pid = child
    end
  end
  assert(pid, 'no copydesk child process')
  notifications = {}
  vim.uv.kill(pid, 'sigkill')
  local reported = vim.wait(TIMEOUT, function()
    for _, n in ipairs(notifications) do
      if n.message:find('CopydeskRestart', 1, true) and n.level == vim.log.levels.ERROR then
        return true
      end
    end
    return false
  end, 20)
  assert(reported, 'no clear report; notifications: ' .. vim.inspect(notifications))
  vim.cmd('CopydeskRestart')
  assert(vim.wait(TIMEOUT, function()
    local c = client()
    return c ~= nil and c.id ~= old and c.initialized
  end, 20), 'no new server attached')
  vim.diagnostic.reset(nil, 0)
  local lnum, col = expected_quote_position()
  assert(wait_for_quote_at(lnum, col), 'no diagnostics from the new server: ' .. describe_diagnostics())
end)

local selected = {}
if only and only ~= '' then
  for pattern in only:gmatch('[^,]+') do
    selected[#selected + 1] = vim.trim(pattern)
  end
end
local function wanted(name)
  if #selected == 0 then
    return true
  end
  for _, pattern in ipairs(selected) do
    if name:find(pattern, 1, true) then
      return true
    end
  end
  return false
end

local version = vim.version()
local label = ('nvim %d.%d.%d%s %s'):format(
  version.major,
  version.minor,
  version.patch,
  version.prerelease and '-dev' or '',
  encoding
)
local passed, failed = 0, 0
for _, c in ipairs(cases) do
  if wanted(c.name) then
    local ok, err = pcall(c.fn)
    if ok then
      passed = passed + 1
      io.stdout:write(('ok - [%s] %s\n'):format(label, c.name))
    else
      failed = failed + 1
      io.stdout:write(('not ok - [%s] %s: %s\n'):format(label, c.name, tostring(err)))
    end
  end
end
io.stdout:write(('%d passed, %d failed\n'):format(passed, failed))
if failed > 0 then
  local log = vim.fs.joinpath(vim.fn.stdpath('state'), 'lsp.log')
  if vim.uv.fs_stat(log) then
    io.stdout:write('--- ' .. log .. ' (last 40 lines)\n')
    local lines = vim.fn.readfile(log)
    for i = math.max(1, #lines - 40), #lines do
      io.stdout:write(lines[i] .. '\n')
    end
  end
end
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop(true)
end
os.exit(failed == 0 and 0 or 1)
