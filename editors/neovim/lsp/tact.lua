-- Language server config for tact on Neovim 0.11+ (`:help lsp-config`).
--
-- With this plugin's root on 'runtimepath', enable it with
--     vim.lsp.enable('tact')
-- and change any field with vim.lsp.config('tact', { ... }). The file is also
-- self-contained: copying it to ~/.config/nvim/lsp/tact.lua works as well.
-- require('tact').setup() reads its defaults from here on every Neovim version.

-- Lua cannot tell an empty object from an empty array, and Neovim sends `{}` as
-- `[]`, which tact rejects where it expects a table. Mark the empty tables that
-- must be objects so they are sent as `{}`; done in place, so the settings
-- answered on workspace/configuration get the same fix.
local function mark_objects(settings)
  if type(settings) ~= 'table' then
    return
  end
  local function fix(tbl, key)
    if type(tbl[key]) == 'table' and next(tbl[key]) == nil then
      tbl[key] = vim.empty_dict()
    end
  end
  fix(settings, 'tact')
  local tact = settings.tact
  if type(tact) == 'table' then
    for _, key in ipairs({ 'rules', 'kinds', 'rulesets' }) do
      fix(tact, key)
    end
  end
end

return {
  cmd = { 'tact', 'lsp' },
  filetypes = { 'markdown', 'text', 'mail', 'gitcommit' },
  root_markers = { '.tact.toml', '.git' },
  -- The keys of .tact.toml (language, glossary, rules, kinds, rulesets) plus
  -- docs-url, trace and max-document-size, under `tact`.
  settings = { tact = vim.empty_dict() },
  init_options = { tact = vim.empty_dict() },
  before_init = function(params, config)
    -- Send `settings` as initializationOptions too, so the first check already
    -- uses them; keys set in `init_options` win.
    mark_objects(config.settings)
    local init = vim.tbl_deep_extend('force', config.settings or {}, config.init_options or {})
    mark_objects(init)
    params.initializationOptions = init

    -- Ask for pushed diagnostics. Neovim (0.10 to 0.12 at least) pulls them
    -- but cannot be told to pull again (no workspace/diagnostic/refresh), so
    -- the re-checks tact starts itself, after "Ignore 'TERM' in this
    -- workspace" or a settings change, would not show until the next edit.
    local text_document = params.capabilities and params.capabilities.textDocument
    if text_document then
      text_document.diagnostic = nil
    end
  end,
}
