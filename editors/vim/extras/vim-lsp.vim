" tact for vim-lsp (prabirshrestha/vim-lsp), for those who use it rather
" than ALE: registers `tact lsp` for Markdown, text, mail and commit
" messages. Source it from your vimrc (it is not under plugin/, so that
" installing this directory for ALE does not register tact twice):
"
"     source /path/to/tact/editors/vim/extras/vim-lsp.vim
"
" Settings go in g:tact_settings (the keys of .tact.toml, plus docs-url,
" trace and max-document-size), before this file is sourced.

let g:tact_settings = get(g:, 'tact_settings', {})
let g:tact_executable = get(g:, 'tact_executable', 'tact')

augroup tact_vim_lsp
    autocmd!
    autocmd User lsp_setup call lsp#register_server({
    \   'name': 'tact',
    \   'cmd': {server_info -> [g:tact_executable, 'lsp']},
    \   'allowlist': ['markdown', 'text', 'mail', 'gitcommit'],
    \   'initialization_options': {'tact': g:tact_settings},
    \   'workspace_config': {'tact': g:tact_settings},
    \})
augroup END
