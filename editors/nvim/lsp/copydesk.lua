-- copydesk language server configuration for Neovim 0.11+.
-- With this plugin on 'runtimepath', `vim.lsp.enable('copydesk')` is all a
-- user writes. Override any field with `vim.lsp.config('copydesk', {...})`
-- or `require('copydesk').setup{...}`.
return {
  -- `copydesk` on PATH (cargo install --path .); override with setup{ cmd = {...} }.
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text', 'mail' },
  root_markers = { 'copydesk.toml', '.git' },
  -- Answered to the server's workspace/configuration request (section `copydesk`)
  -- and sent with workspace/didChangeConfiguration. Same keys as copydesk.toml.
  settings = {
    copydesk = vim.empty_dict(),
  },
  on_init = function(client)
    require('copydesk')._on_init(client)
  end,
  on_exit = function(code, signal, client_id)
    require('copydesk')._on_exit(code, signal, client_id)
  end,
}
