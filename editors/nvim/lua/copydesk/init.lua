-- copydesk for Neovim 0.11+: settings, commands and the restart path.
-- The server configuration itself lives in lsp/copydesk.lua, so that
-- `vim.lsp.enable('copydesk')` alone works; `setup{}` is optional.
local M = {}

M.name = 'copydesk'
M.normalize_dates_kind = 'source.copydesk.normalizeDates'

--- The binary Neovim starts: the `cmd` given to setup{} (or vim.lsp.config),
--- else `copydesk` on PATH.
function M.binary()
  local ok, config = pcall(function()
    return vim.lsp.config[M.name]
  end)
  local cmd = ok and config and config.cmd
  if type(cmd) == 'table' and cmd[1] then
    return cmd[1]
  end
  return 'copydesk'
end

--- Options for require('copydesk').setup{}:
---   cmd       = { '/path/to/copydesk', 'lsp' }   -- default: copydesk on PATH
---   filetypes = { 'markdown', 'text', 'mail' }
---   settings  = { dates = { style = 'chicago' } } -- same keys as copydesk.toml
---   enable    = true                              -- call vim.lsp.enable('copydesk')
function M.setup(opts)
  opts = opts or {}
  if vim.fn.has('nvim-0.11') ~= 1 then
    vim.notify('copydesk needs Neovim 0.11 or later.', vim.log.levels.ERROR)
    return
  end
  local config = {}
  if opts.cmd then
    config.cmd = opts.cmd
  end
  if opts.filetypes then
    config.filetypes = opts.filetypes
  end
  if opts.root_markers then
    config.root_markers = opts.root_markers
  end
  if opts.settings then
    config.settings = { copydesk = opts.settings }
  end
  vim.lsp.config(M.name, config)
  if opts.settings then
    M.push_settings(opts.settings)
  end
  if opts.enable ~= false then
    vim.lsp.enable(M.name)
  end
end

--- Sends new settings to running copydesk servers without a restart.
function M.push_settings(settings)
  for _, client in ipairs(vim.lsp.get_clients({ name = M.name })) do
    client.settings = vim.tbl_deep_extend('force', client.settings or {}, { copydesk = settings })
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  end
end

local function client_for(bufnr)
  return vim.lsp.get_clients({ name = M.name, bufnr = bufnr })[1]
end

--- Runs the server's "normalize all dates" source action on a buffer.
--- `on_done(applied: boolean, message: string)` is called when finished.
function M.normalize_dates(bufnr, on_done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  on_done = on_done or function(_, message)
    vim.notify(message, vim.log.levels.INFO)
  end
  local client = client_for(bufnr)
  if not client then
    on_done(false, 'copydesk: no copydesk server is attached to this buffer. See :checkhealth copydesk.')
    return
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { M.normalize_dates_kind }, triggerKind = 1 },
  }
  client:request('textDocument/codeAction', params, function(err, actions)
    if err then
      on_done(false, 'copydesk: the server could not list date rewrites: ' .. tostring(err.message))
      return
    end
    local action
    for _, candidate in ipairs(actions or {}) do
      if candidate.kind and vim.startswith(candidate.kind, M.normalize_dates_kind) then
        action = candidate
        break
      end
    end
    if not action then
      on_done(false, 'copydesk: every date already follows the house style.')
      return
    end
    local function apply(resolved)
      if resolved.edit then
        vim.lsp.util.apply_workspace_edit(resolved.edit, client.offset_encoding)
      end
      if resolved.command then
        client:exec_cmd(resolved.command, { bufnr = bufnr })
      end
      on_done(true, 'copydesk: ' .. (resolved.title or 'dates normalized'))
    end
    if not action.edit and client:supports_method('codeAction/resolve') then
      client:request('codeAction/resolve', action, function(resolve_err, resolved)
        if resolve_err or not resolved then
          on_done(false, 'copydesk: the date rewrite could not be prepared.')
        else
          apply(resolved)
        end
      end, bufnr)
    else
      apply(action)
    end
  end, bufnr)
end

--- Stops every copydesk server and starts it again for the buffers it served
--- (and any open buffer it applies to). This is the documented way back after
--- the server stopped or crashed (:CopydeskRestart).
function M.restart()
  local buffers = {}
  for _, client in ipairs(vim.lsp.get_clients({ name = M.name })) do
    for bufnr in pairs(client.attached_buffers or {}) do
      buffers[bufnr] = true
    end
    client:stop(true)
  end
  vim.wait(3000, function()
    return #vim.lsp.get_clients({ name = M.name }) == 0
  end, 20)
  for bufnr in pairs(M._orphaned) do
    buffers[bufnr] = true
  end
  M._orphaned = {}
  if not vim.lsp.is_enabled(M.name) then
    vim.lsp.enable(M.name)
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      local filetypes = vim.lsp.config[M.name].filetypes or {}
      if buffers[bufnr] or vim.tbl_contains(filetypes, vim.bo[bufnr].filetype) then
        vim.api.nvim_exec_autocmds('FileType', { group = 'nvim.lsp.enable', buffer = bufnr, modeline = false })
      end
    end
  end
  vim.notify('copydesk: server restarted.', vim.log.levels.INFO)
end

-- Buffers whose server stopped unexpectedly, so :CopydeskRestart brings them back.
M._orphaned = {}
-- Clients being stopped on purpose (restart, :lsp stop, quitting Neovim).
local expected_exit = {}

function M._on_init(client)
  -- Remember which client ids were asked to stop, to tell a crash from a stop.
  local stop = client.stop
  client.stop = function(self, ...)
    expected_exit[self.id] = true
    return stop(self, ...)
  end
end

function M._on_exit(code, signal, client_id)
  if expected_exit[client_id] or vim.v.exiting ~= vim.NIL then
    expected_exit[client_id] = nil
    return
  end
  local client = vim.lsp.get_client_by_id(client_id)
  if client then
    for bufnr in pairs(client.attached_buffers or {}) do
      M._orphaned[bufnr] = true
    end
  end
  local how = signal ~= 0 and ('was killed by signal ' .. signal) or ('exited with code ' .. code)
  vim.schedule(function()
    vim.notify(
      ('copydesk: the language server %s, so quotes, actors and dates are no longer checked. Run :CopydeskRestart to start it again (:checkhealth copydesk if it keeps stopping).'):format(how),
      vim.log.levels.ERROR
    )
  end)
end

return M
