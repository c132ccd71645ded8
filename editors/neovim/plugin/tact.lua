-- Defines :TactExplain and the .tact.toml save hook at startup, however the
-- tact server gets started (vim.lsp.enable('tact') or require('tact').setup()).
if vim.g.loaded_tact then
  return
end
vim.g.loaded_tact = true
require('tact').init_editor()
