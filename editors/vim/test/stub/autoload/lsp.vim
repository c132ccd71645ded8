" A stand-in for vim-lsp's lsp#register_server, used by vim-lsp.vim (the
" test) to record what editors/vim/extras/vim-lsp.vim registers.

let g:tact_test_registered = get(g:, 'tact_test_registered', [])

function! lsp#register_server(info) abort
    call add(g:tact_test_registered, a:info)
endfunction
