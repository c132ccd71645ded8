" Checks editors/vim/extras/vim-lsp.vim without vim-lsp (not packaged for
" Debian): a stand-in lsp#register_server (stub/autoload/lsp.vim) records
" what the file registers when vim-lsp fires `User lsp_setup`. Run by run.sh as
"   vim -N -u NONE -i NONE -n -es -S vim-lsp.vim
" with $TACT_VIM_DIR and $TACT_RESULT set; appends one line, ok or FAIL.

execute 'set runtimepath^=' . fnameescape(expand('<sfile>:p:h') . '/stub')
let g:tact_test_registered = []

function! s:Check() abort
    execute 'source ' . fnameescape($TACT_VIM_DIR . '/extras/vim-lsp.vim')
    doautocmd <nomodeline> User lsp_setup

    if len(g:tact_test_registered) != 1
        return 'FAIL: vim-lsp.vim registered ' . len(g:tact_test_registered) . ' servers, expected 1'
    endif

    let l:info = g:tact_test_registered[0]
    let l:cmd = l:info.cmd({})

    if l:cmd != ['tact', 'lsp']
        return 'FAIL: vim-lsp.vim runs ' . string(l:cmd) . ', expected [''tact'', ''lsp'']'
    endif

    for l:filetype in ['markdown', 'text', 'mail', 'gitcommit']
        if index(l:info.allowlist, l:filetype) < 0
            return 'FAIL: vim-lsp.vim does not allow filetype ' . l:filetype
        endif
    endfor

    if !has_key(l:info.initialization_options, 'tact')
    \|| !has_key(l:info.workspace_config, 'tact')
        return 'FAIL: vim-lsp.vim sends no settings under "tact"'
    endif

    return 'ok: extras/vim-lsp.vim registers ''tact lsp'' for ' . join(l:info.allowlist, ', ')
endfunction

try
    let s:line = s:Check()
catch
    let s:line = 'FAIL: vim-lsp.vim: ' . v:exception
endtry

call writefile([s:line], $TACT_RESULT, 'a')
execute s:line =~# '^ok' ? 'qall!' : 'cquit 1'
