-- Run inside a Neovim started with a fresh XDG_CONFIG_HOME whose init.lua is
-- the single line vim.lsp.enable('copydesk') and the plugin installed as a
-- package (pack/*/start). Checks that diagnostics and hover on the example
-- article need nothing more. Prints "N passed, N failed" and quits.
local results = {}
local function check(name, ok, why)
  table.insert(results, { name = name, ok = ok, why = why })
end

local function client()
  return vim.lsp.get_clients({ name = 'copydesk', bufnr = 0 })[1]
end

local got_diagnostics = vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == 'mismatched-quote' then
      return true
    end
  end
  return false
end, 20)
check('diagnostics appear with only vim.lsp.enable(\'copydesk\')', got_diagnostics,
  'filetype=' .. vim.bo.filetype .. ', clients=' .. #vim.lsp.get_clients() .. ', diagnostics=' .. #vim.diagnostic.get(0))

local hover_ok, hover_text = false, 'no client'
if client() then
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local col = line:find('Vladimir Putin', 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { lnum, col - 1 + #'Vladimir ' })
      break
    end
  end
  local params = vim.lsp.util.make_position_params(0, client().offset_encoding)
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 15000) or {}
  local response = responses[client().id]
  local result = response and response.result
  hover_text = result and (result.contents.value or vim.inspect(result.contents)) or vim.inspect(response)
  hover_ok = result ~= nil and hover_text:find('Putin', 1, true) ~= nil
end
check('hover on "Putin" with only vim.lsp.enable(\'copydesk\')', hover_ok, hover_text)

local version = vim.version()
local label = ('nvim %d.%d.%d%s fresh config'):format(version.major, version.minor, version.patch, version.prerelease and '-dev' or '')
local passed, failed = 0, 0
for _, r in ipairs(results) do
  if r.ok then
    passed = passed + 1
    io.stdout:write(('ok - [%s] %s\n'):format(label, r.name))
  else
    failed = failed + 1
    io.stdout:write(('not ok - [%s] %s: %s\n'):format(label, r.name, tostring(r.why)))
  end
end
io.stdout:write(('%d passed, %d failed\n'):format(passed, failed))
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop(true)
end
vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
