-- tact for Neovim: setup() starts the tact language server for prose buffers
-- (Neovim 0.11+ through vim.lsp.config/enable, 0.8–0.10 through vim.lsp.start,
-- 0.7 through vim.lsp.start_client), and explain() backs :TactExplain.
local M = {}

local uv = vim.uv or vim.loop

local function has(feature)
  return vim.fn.has(feature) == 1
end

local function notify(msg, level)
  vim.notify(msg, level or vim.log.levels.INFO)
end

-- The defaults live in lsp/tact.lua of this plugin, the file Neovim 0.11+
-- reads itself; load a fresh copy of it so every setup() starts clean.
local function defaults()
  local this_file = debug.getinfo(1, 'S').source:sub(2) -- <root>/lua/tact/init.lua
  local root = vim.fn.fnamemodify(this_file, ':p:h:h:h')
  return dofile(root .. '/lsp/tact.lua')
end

-- Lays the user's options over the defaults. Lists (cmd, filetypes,
-- root_markers) are replaced; settings are merged. `settings` may be given
-- as { tact = { ... } } or as the inner table alone. A user's before_init
-- runs after the default one.
local function build_config(opts)
  local config = defaults()
  for key, value in pairs(opts or {}) do
    if key == 'settings' then
      if type(value) == 'table' and value.tact == nil then
        value = { tact = value }
      end
      config.settings = vim.tbl_deep_extend('force', config.settings, value)
    elseif key == 'before_init' then
      local default_before_init = config.before_init
      config.before_init = function(params, client_config)
        default_before_init(params, client_config)
        value(params, client_config)
      end
    else
      config[key] = value
    end
  end
  return config
end

-- The nearest directory above the buffer's file holding one of the markers.
local function find_root(bufnr, markers)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' then
    return nil
  end
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, marker in ipairs(markers or {}) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

-- The config of the last setup(), if any (for :checkhealth).
local setup_config

-- Neovim 0.7 has no vim.lsp.start: one client per root directory, by hand.
local clients_by_root = {}
local function start_client_07(bufnr, config)
  local key = config.root_dir or ''
  local client = clients_by_root[key] and vim.lsp.get_client_by_id(clients_by_root[key])
  if not client or client.is_stopped() then
    local id = vim.lsp.start_client(config)
    if not id then
      return
    end
    clients_by_root[key] = id
  end
  vim.lsp.buf_attach_client(bufnr, clients_by_root[key])
end

-- Starts (or reuses) the client for one buffer on Neovim 0.7–0.10.
local function start(bufnr, config)
  if vim.bo[bufnr].buftype ~= '' then
    return -- only buffers that are files: not help, not floats, not scratch
  end
  local client_config = vim.deepcopy(config)
  client_config.name = 'tact'
  client_config.root_dir = client_config.root_dir or find_root(bufnr, config.root_markers)
  client_config.root_markers = nil
  client_config.filetypes = nil
  if vim.lsp.start then
    vim.lsp.start(client_config, { bufnr = bufnr })
  else
    start_client_07(bufnr, client_config)
  end
end

--- Starts tact for the configured filetypes.
--- opts: cmd, filetypes, root_markers, settings; any other key (on_attach,
--- capabilities, handlers, ...) goes to the client config unchanged.
function M.setup(opts)
  local config = build_config(opts)
  setup_config = config
  M.init_editor()

  if has('nvim-0.11') then
    vim.lsp.config('tact', config)
    vim.lsp.enable('tact')
    return
  end

  local group = vim.api.nvim_create_augroup('tact', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      start(args.buf, config)
    end,
    desc = 'Start the tact language server',
  })
  -- Buffers opened before setup() ran (e.g. setup() from a lazy-loaded plugin).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if
      vim.api.nvim_buf_is_loaded(bufnr)
      and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype)
    then
      start(bufnr, config)
    end
  end
end

-- The running tact client attached to a buffer, if any.
local function tact_client(bufnr)
  local clients
  if vim.lsp.get_clients then -- 0.10+
    clients = vim.lsp.get_clients({ bufnr = bufnr, name = 'tact' })
  elseif has('nvim-0.8') then
    clients = vim.lsp.get_active_clients({ bufnr = bufnr, name = 'tact' })
  else
    clients = vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
  end
  for _, client in ipairs(clients) do
    if client.name == 'tact' then
      return client
    end
  end
end

local function request(client, method, params, handler, bufnr)
  if has('nvim-0.11') then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- The running tact clients.
function M.clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = 'tact' })
  end
  return vim.tbl_filter(function(client)
    return client.name == 'tact'
  end, vim.lsp.get_active_clients())
end

-- Tells every tact client that a .tact.toml was written. Neovim watches
-- files for a server only on macOS and Windows (0.10+), so on Linux tact
-- would not see a .tact.toml saved in Neovim until it restarts.
local function config_written(path)
  local params = { changes = { { uri = vim.uri_from_fname(path), type = 2 } } } -- 2: Changed
  for _, client in ipairs(M.clients()) do
    if has('nvim-0.11') then
      client:notify('workspace/didChangeWatchedFiles', params)
    else
      client.notify('workspace/didChangeWatchedFiles', params)
    end
  end
end

-- Shows Markdown in a scratch split below, reusing the one already open.
local function show_in_split(lines)
  local bufnr
  for _, win in ipairs(vim.api.nvim_tabpage_list_wins(0)) do
    local b = vim.api.nvim_win_get_buf(win)
    if vim.b[b].tact_explain then
      bufnr = b
      vim.api.nvim_set_current_win(win)
      break
    end
  end
  if not bufnr then
    bufnr = vim.api.nvim_create_buf(false, true) -- unlisted, buftype=nofile
    vim.b[bufnr].tact_explain = true
    vim.bo[bufnr].bufhidden = 'wipe'
    vim.bo[bufnr].filetype = 'markdown'
    vim.api.nvim_buf_set_keymap(bufnr, 'n', 'q', '<cmd>close<cr>', { nowait = true, silent = true })
    vim.cmd('botright split')
    vim.api.nvim_win_set_buf(0, bufnr)
  end
  vim.bo[bufnr].modifiable = true
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, lines)
  vim.bo[bufnr].modifiable = false
end

--- Shows the docs of the rules flagged at the cursor, or of the rule `rule`
--- when given, in a floating window (in a scratch split with opts.split).
function M.explain(rule, opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local client = tact_client(bufnr)
  if not client then
    notify('tact: the language server is not running in this buffer', vim.log.levels.WARN)
    return
  end

  local argument
  if rule and rule ~= '' then
    argument = { rule = rule }
  else
    argument = vim.lsp.util.make_position_params(0, client.offset_encoding)
  end
  local params = { command = 'tact.explain', arguments = { argument } }

  request(client, 'workspace/executeCommand', params, function(err, result)
    if err then
      notify('tact: ' .. (err.message or tostring(err)), vim.log.levels.ERROR)
      return
    end
    if type(result) ~= 'table' or type(result.markdown) ~= 'string' then
      if argument.rule then
        notify(("tact: no rule named '%s'"):format(rule), vim.log.levels.WARN)
      else
        notify('tact: no finding at the cursor')
      end
      return
    end
    local lines = vim.split(result.markdown, '\n', { plain = true })
    if opts.split then
      show_in_split(lines)
    else
      vim.lsp.util.open_floating_preview(lines, 'markdown', {
        focus_id = 'tact-explain',
        border = 'rounded',
        max_width = 80,
        max_height = math.max(10, math.floor(vim.o.lines * 0.6)),
      })
    end
  end, bufnr)
end

--- The command that starts tact: from setup(), else from vim.lsp.config.
function M.cmd()
  if setup_config then
    return setup_config.cmd
  end
  local config = has('nvim-0.11') and vim.lsp.config.tact
  if config and type(config.cmd) == 'table' then
    return config.cmd
  end
  return defaults().cmd
end

--- Defines :TactExplain and the .tact.toml save hook. plugin/tact.lua and
--- setup() both call this, so they exist even when plugin/ was never sourced.
function M.init_editor()
  vim.api.nvim_create_user_command('TactExplain', function(cmd)
    M.explain(cmd.args, { split = cmd.bang })
  end, {
    nargs = '?',
    bang = true,
    desc = 'tact: explain the rule at the cursor (or the rule named); ! opens a split',
  })
  vim.api.nvim_create_autocmd('BufWritePost', {
    group = vim.api.nvim_create_augroup('tact.config', { clear = true }),
    pattern = '.tact.toml',
    callback = function(args)
      config_written(vim.fn.fnamemodify(args.file, ':p'))
    end,
    desc = 'Tell tact that a .tact.toml changed',
  })
end

return M
