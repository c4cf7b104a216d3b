-- copydesk user commands. The server starts with vim.lsp.enable('copydesk')
-- (or require('copydesk').setup{}); these commands work either way.
if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command('CopydeskNormalizeDates', function()
  require('copydesk').normalize_dates(0)
end, { desc = 'copydesk: rewrite every date in the buffer in the house style' })

vim.api.nvim_create_user_command('CopydeskRestart', function()
  require('copydesk').restart()
end, { desc = 'copydesk: restart the language server' })
