-- :checkhealth tact — is the tact binary found, which version, is a client
-- running, and where the logs are.
local M = {}

-- vim.health's names changed over the versions: start/ok/... (0.10+),
-- report_start/report_ok/... (0.8, 0.9), the `health` module (0.7).
local health = vim.health or require('health')
local function report(kind, ...)
  local fn = health[kind] or health['report_' .. kind]
  return fn(...)
end

function M.check()
  report('start', 'tact')

  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.11') == 1 then
    report('ok', 'Neovim ' .. version .. ": vim.lsp.enable('tact') or require('tact').setup()")
  elseif vim.fn.has('nvim-0.7') == 1 then
    report('ok', 'Neovim ' .. version .. ": use require('tact').setup()")
  else
    report('error', 'Neovim ' .. version .. ' is too old: tact needs 0.7 or newer')
  end

  local tact = require('tact')
  local cmd = tact.cmd()
  local exe = type(cmd) == 'table' and cmd[1] or nil
  if not exe then
    report('info', 'cmd is a function: not checked')
  elseif vim.fn.executable(exe) == 1 then
    local out = vim.fn.system({ exe, '--version' })
    report('ok', ('%s (%s): %s'):format(exe, vim.fn.exepath(exe), vim.trim(out)))
  else
    report('error', ("'%s' is not an executable on PATH"):format(exe), {
      'Install tact (cargo install --path . in a clone of tact) and make sure it is on PATH,',
      "or set the full path: require('tact').setup({ cmd = { '/path/to/tact', 'lsp' } }).",
    })
  end

  local clients = tact.clients()
  if #clients == 0 then
    report('info', 'No tact client is running (open a Markdown, text, mail or git commit buffer).')
  end
  for _, client in ipairs(clients) do
    report('ok', ('client %d: root %s, attached to %d buffer(s)'):format(
      client.id, tostring(client.config.root_dir or '(none)'), vim.tbl_count(client.attached_buffers or {})))
  end

  local log = require('vim.lsp.log').get_filename()
  report('info', 'Neovim LSP log: ' .. log .. " (tact's own log lines are in it, marked ERROR because they come on stderr)")
end

return M
