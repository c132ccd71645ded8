-- End-to-end test of tact's Neovim integration, run by run.sh inside a real
-- headless Neovim that has the plugin root on 'runtimepath' and the fixture
-- copy open in the current buffer:
--   nvim --headless --clean --cmd 'set rtp^=<plugin>' <mail.md> -c 'luafile e2e.lua'
-- Environment:
--   TACT_TEST_MODE    enable        vim.lsp.enable('tact') with lsp/tact.lua as shipped (0.11+)
--                     setup         require('tact').setup({...})
--                     setup-legacy  setup() taking its 0.8–0.10 path (vim.lsp.start) on 0.11+
--                     setup-late    the plugin is put on 'runtimepath' only now, after
--                                   startup (so plugin/ is never sourced), then setup():
--                                   what the lazy.nvim recipe in the README does
--   TACT_TEST_RESULT  file to write "ok - ..." / "not ok - ..." lines to, then "done"
--   TACT_TEST_LOG     --log-file for tact in the setup modes
-- Neovim's exit code is not trusted: run.sh reads the result file.

local mode = os.getenv('TACT_TEST_MODE') or 'enable'
local result_path = assert(os.getenv('TACT_TEST_RESULT'), 'TACT_TEST_RESULT not set')
local tact_log = os.getenv('TACT_TEST_LOG')

local EXPECTED_LINE = 'We released the new booking page on Monday 1 December.'
local DIAG_TIMEOUT_MS = 20000
local STEP_TIMEOUT_MS = 10000

local out = assert(io.open(result_path, 'w'))
local function report(line)
  out:write(line, '\n')
  out:flush()
end

local failed = false
local function ok(cond, what, detail)
  if cond then
    report('ok - ' .. what)
  else
    failed = true
    report('not ok - ' .. what .. (detail and ('\n    ' .. detail:gsub('\n', '\n    ')) or ''))
  end
  return cond
end

local function has(feature)
  return vim.fn.has(feature) == 1
end

-- Collect vim.notify messages: the :TactExplain "no finding" message, and any
-- error or warning the server shows (window/showMessage) on Neovim 0.8+.
local notes, problems = {}, {}
vim.notify = function(msg, level)
  table.insert(notes, msg)
  if level and level >= vim.log.levels.WARN then
    table.insert(problems, msg)
  end
end

local function tact_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return d.source == 'tact'
  end, vim.diagnostic.get(bufnr))
end

local function describe(diags)
  local parts = {}
  for _, d in ipairs(diags) do
    table.insert(parts, ('%s at %d:%d-%d:%d (severity %s): %s'):format(
      tostring(d.code), d.lnum, d.col, d.end_lnum or -1, d.end_col or -1, tostring(d.severity), d.message))
  end
  return #parts > 0 and table.concat(parts, '\n') or '(no diagnostics)'
end

local function attached_clients(bufnr)
  local clients
  if vim.lsp.get_clients then
    clients = vim.lsp.get_clients({ bufnr = bufnr })
  else
    clients = vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
  end
  local names = vim.tbl_map(function(c)
    return c.name
  end, clients)
  return #names > 0 and table.concat(names, ', ') or '(none)'
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

-- A window other than `except` whose buffer has a line equal to `line`.
local function window_with_line(line, except)
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if win ~= except then
      local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
      for _, l in ipairs(lines) do
        if l == line then
          return win
        end
      end
    end
  end
end

-- Applies the one code action at the cursor for which `matches(action)` is
-- true, through vim.lsp.buf.code_action. Returns a table that, once the
-- server has answered, holds the actions seen (for messages) and the one picked.
local function apply_code_action(matches)
  local state = { seen = {}, picked = nil }
  local function filter(action)
    table.insert(state.seen, ('%q (kind %s, preferred %s)'):format(
      tostring(action.title), tostring(action.kind), tostring(action.isPreferred)))
    if matches(action) then
      state.picked = action
      return true
    end
    return false
  end
  if has('nvim-0.8') then
    -- One matching action and apply = true: applied without a menu.
    vim.ui.select = function(items)
      table.insert(problems, ('unexpected code action menu with %d items'):format(#items))
    end
    vim.lsp.buf.code_action({ filter = filter, apply = true })
  else
    -- Neovim 0.7 always shows the menu: pick the action in it, as a user would.
    vim.ui.select = function(items, _, on_choice)
      for i, item in ipairs(items) do
        if filter(item.action or item[2]) then
          return on_choice(item, i)
        end
      end
      on_choice(nil, nil)
    end
    vim.lsp.buf.code_action()
  end
  return state
end

local function run()
  require('vim.lsp.log').set_level('debug') -- run.sh shows the log's tail on failure
  local bufnr = vim.api.nvim_get_current_buf()
  local main_win = vim.api.nvim_get_current_win()
  local v = vim.version()
  report(('# Neovim %d.%d.%d, mode %s, file %s, filetype %s'):format(v.major, v.minor, v.patch, mode,
    vim.api.nvim_buf_get_name(bufnr), vim.bo[bufnr].filetype))
  if mode ~= 'setup-late' then
    ok(vim.fn.exists(':TactExplain') == 2, ':TactExplain is defined by plugin/tact.lua')
  end

  -- 1. Start tact the way a user would.
  local expected_severity = vim.diagnostic.severity.WARN
  local fired_by_enable = false
  if mode == 'enable' then
    assert(has('nvim-0.11'), 'mode enable needs Neovim 0.11+')
    vim.lsp.enable('tact')
    fired_by_enable = true
  else
    -- Settings must reach the server: with this rule severity the finding is an error.
    local opts = { settings = { tact = { rules = { jargon = 'error' } } } }
    if tact_log then
      opts.cmd = { 'tact', 'lsp', '--log-file', tact_log }
    end
    expected_severity = vim.diagnostic.severity.ERROR
    if mode == 'setup-late' then
      vim.opt.runtimepath:append(os.getenv('TACT_PLUGIN_DIR'))
      require('tact').setup(opts)
      ok(vim.fn.exists(':TactExplain') == 2, ':TactExplain is defined by setup()')
      fired_by_enable = has('nvim-0.11')
    elseif mode == 'setup-legacy' then
      -- Make setup() believe it runs on Neovim 0.10.
      local real_has = vim.fn.has
      vim.fn.has = function(f)
        return f == 'nvim-0.11' and 0 or real_has(f)
      end
      require('tact').setup(opts)
      vim.fn.has = real_has
    else
      require('tact').setup(opts)
      fired_by_enable = has('nvim-0.11')
    end
  end
  if fired_by_enable then
    -- vim.lsp.enable() attaches on FileType; this buffer was loaded before it ran.
    vim.cmd('doautocmd FileType')
  end

  -- 2. tact's diagnostic in Neovim's own store.
  vim.wait(DIAG_TIMEOUT_MS, function()
    return #tact_diagnostics(bufnr) > 0
  end, 50)
  local diags = tact_diagnostics(bufnr)
  local d = diags[1]
  if not ok(#diags == 1 and d.code == 'jargon', 'one `jargon` diagnostic within 20 s',
      'expected exactly one tact diagnostic with code jargon; saw:\n' .. describe(vim.diagnostic.get(bufnr))
        .. '\nlanguage servers attached to the buffer: ' .. attached_clients(bufnr)) then
    return
  end
  ok(d.lnum == 2 and d.col == 3 and d.end_lnum == 2 and d.end_col == 11,
    'diagnostic at line 3, columns 4-11 ("deployed")',
    'expected lnum 2, col 3 .. end_lnum 2, end_col 11 (0-based); saw ' .. describe(diags))
  local severity_name = vim.diagnostic.severity
  ok(d.severity == expected_severity,
    'severity ' .. severity_name[expected_severity] .. ' (as the settings say)',
    'saw severity ' .. tostring(severity_name[d.severity] or d.severity))

  -- :checkhealth tact finds the binary and the running client.
  vim.cmd('checkhealth tact')
  local health_text = buffer_text(vim.api.nvim_get_current_buf())
  ok(health_text:find('tact %d+%.%d+') ~= nil and health_text:find('client %d+: root ' .. vim.pesc(vim.fn.getcwd())) ~= nil,
    ':checkhealth tact reports the tact version and the running client',
    'it reads:\n' .. health_text)
  if vim.api.nvim_get_current_win() ~= main_win then
    vim.api.nvim_win_close(0, true) -- the health window (or its tab)
  end
  vim.api.nvim_set_current_win(main_win)

  -- 3. :TactExplain at the finding: a float with the rule's docs.
  vim.api.nvim_win_set_cursor(main_win, { 3, 5 })
  vim.cmd('TactExplain')
  local float
  vim.wait(STEP_TIMEOUT_MS, function()
    float = window_with_line('# jargon', main_win)
    return float ~= nil
  end, 50)
  if ok(float ~= nil, ':TactExplain shows a window with "# jargon"',
      'no window shows a line "# jargon"; notifications: ' .. table.concat(notes, ' | ')) then
    ok(vim.api.nvim_win_get_config(float).relative ~= '', ':TactExplain window is a float')
    vim.api.nvim_win_close(float, true)
  end

  -- :TactExplain! RULE: the docs of one rule in a scratch split.
  vim.cmd('TactExplain! jargon')
  local split
  vim.wait(STEP_TIMEOUT_MS, function()
    split = window_with_line('# jargon', main_win)
    return split ~= nil
  end, 50)
  if ok(split ~= nil, ':TactExplain! jargon opens a split with "# jargon"',
      'notifications: ' .. table.concat(notes, ' | ')) then
    ok(vim.api.nvim_win_get_config(split).relative == '', ':TactExplain! window is a split')
    vim.api.nvim_win_close(split, true)
  end
  vim.api.nvim_set_current_win(main_win)

  -- :TactExplain where nothing is flagged.
  vim.api.nvim_win_set_cursor(main_win, { 1, 0 })
  notes = {}
  vim.cmd('TactExplain')
  vim.wait(STEP_TIMEOUT_MS, function()
    return vim.tbl_contains(notes, 'tact: no finding at the cursor')
  end, 50)
  ok(vim.tbl_contains(notes, 'tact: no finding at the cursor'), ':TactExplain says "tact: no finding at the cursor" off a finding',
    'notifications: ' .. vim.inspect(notes))

  -- 4. The preferred quick fix, applied by Neovim.
  local original_line = vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1]
  vim.api.nvim_win_set_cursor(main_win, { 3, 5 })
  local fix = apply_code_action(function(action)
    return action.kind == 'quickfix' and tostring(action.title):find('released', 1, true) ~= nil
  end)
  local function fixed()
    return vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1]:sub(1, #EXPECTED_LINE) == EXPECTED_LINE
  end
  vim.wait(STEP_TIMEOUT_MS, fixed, 50)
  ok(fix.picked ~= nil and fix.picked.isPreferred == true, 'the "released" quick fix is offered and preferred',
    'code actions seen:\n' .. table.concat(fix.seen, '\n'))
  ok(fixed(), 'quick fix applied: line 3 reads "' .. EXPECTED_LINE .. ' ..."',
    'buffer now reads:\n' .. buffer_text(bufnr) .. '\nnotifications: ' .. table.concat(notes, ' | '))

  vim.wait(STEP_TIMEOUT_MS, function()
    return #tact_diagnostics(bufnr) == 0
  end, 50)
  ok(#tact_diagnostics(bufnr) == 0, 'the diagnostic went away after the fix',
    'still there:\n' .. describe(tact_diagnostics(bufnr)))

  -- 5. Edit the word back, then "Ignore 'deployed' in this workspace": tact
  -- writes .tact.toml and re-checks on its own, which Neovim must show.
  vim.api.nvim_buf_set_lines(bufnr, 2, 3, false, { original_line })
  vim.wait(DIAG_TIMEOUT_MS, function()
    return #tact_diagnostics(bufnr) > 0
  end, 50)
  if not ok(#tact_diagnostics(bufnr) == 1, 'the diagnostic comes back when "deployed" is typed again',
      'saw:\n' .. describe(tact_diagnostics(bufnr))) then
    return
  end
  vim.api.nvim_win_set_cursor(main_win, { 3, 5 })
  local ignore = apply_code_action(function(action)
    return tostring(action.title) == "Ignore 'deployed' in this workspace"
  end)
  vim.wait(STEP_TIMEOUT_MS, function()
    return #tact_diagnostics(bufnr) == 0
  end, 50)
  ok(ignore.picked ~= nil, "\"Ignore 'deployed' in this workspace\" is offered",
    'code actions seen:\n' .. table.concat(ignore.seen, '\n'))
  ok(#tact_diagnostics(bufnr) == 0, 'the diagnostic went away after ignoring the term',
    'still there:\n' .. describe(tact_diagnostics(bufnr)))
  local toml = io.open('.tact.toml')
  local toml_text = toml and toml:read('*a') or '(no .tact.toml in ' .. vim.fn.getcwd() .. ')'
  if toml then
    toml:close()
  end
  if not ok(toml_text:find('"deployed"', 1, true) ~= nil, '.tact.toml has "deployed" in its glossary',
      '.tact.toml reads:\n' .. toml_text) then
    return
  end

  -- 6. Take the term out of the glossary in Neovim: on :write the plugin
  -- tells tact (Neovim does not watch files for servers on Linux).
  vim.cmd('split .tact.toml')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '# emptied by the test' })
  vim.cmd('write')
  vim.cmd('close')
  vim.api.nvim_set_current_win(main_win)
  vim.wait(STEP_TIMEOUT_MS, function()
    return #tact_diagnostics(bufnr) == 1
  end, 50)
  ok(#tact_diagnostics(bufnr) == 1, 'the diagnostic comes back when .tact.toml is saved without the term',
    'saw:\n' .. describe(tact_diagnostics(bufnr)))
end

local success, err = xpcall(run, debug.traceback)
ok(#problems == 0, 'no errors or warnings shown', table.concat(problems, '\n'))
ok(success, 'test script ran to its end', tostring(err))
if failed then
  report('# Neovim LSP log: ' .. require('vim.lsp.log').get_filename())
end
report(failed and 'done: FAILED' or 'done: passed')
out:close()
vim.cmd('qall!')
