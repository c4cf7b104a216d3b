-- :checkhealth copydesk
local M = {}

function M.check()
  local health = vim.health
  health.start('copydesk')

  local version = vim.version()
  local nvim = ('%d.%d.%d'):format(version.major, version.minor, version.patch)
  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim ' .. nvim .. (version.prerelease and (' (' .. tostring(version.prerelease) .. ')') or ''))
  else
    health.error('Neovim ' .. nvim .. ' is too old', { 'copydesk needs Neovim 0.11 or later.' })
    return
  end

  local binary = require('copydesk').binary()
  local path = vim.fn.exepath(binary)
  if path == '' then
    health.error(('The copydesk binary "%s" was not found'):format(binary), {
      'Install it with `cargo install --path .` in a copydesk checkout, or download a release binary.',
      'Put it on PATH, or point the plugin at it: require("copydesk").setup{ cmd = { "/path/to/copydesk", "lsp" } }',
    })
  else
    local result = vim.system({ path, '--version' }, { text = true }):wait(5000)
    if result.code == 0 then
      health.ok(('%s (%s)'):format(vim.trim(result.stdout or ''), path))
    else
      health.error(('%s --version failed (exit %s): %s'):format(path, tostring(result.code), vim.trim(result.stderr or '')))
    end
  end

  if vim.lsp.is_enabled('copydesk') then
    health.ok("vim.lsp.enable('copydesk') is set")
  else
    health.warn('copydesk is not enabled', { "Add vim.lsp.enable('copydesk') to your init.lua, or call require('copydesk').setup{}." })
  end

  local clients = vim.lsp.get_clients({ name = 'copydesk' })
  if #clients == 0 then
    health.info('No copydesk server is running (open a Markdown or text file to start one).')
  end
  for _, client in ipairs(clients) do
    local info = client.server_info or {}
    health.ok(
      ('server %s %s running (id %d, root %s, position encoding %s, %d buffers)'):format(
        info.name or 'copydesk',
        info.version or '',
        client.id,
        client.root_dir or '-',
        client.offset_encoding,
        vim.tbl_count(client.attached_buffers or {})
      )
    )
  end
end

return M
