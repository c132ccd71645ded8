" tact for ALE: user commands and <Plug> mappings. The linter itself is
" registered by ale_linters/<filetype>/tact.vim when ALE lints a buffer.

if exists('g:loaded_tact')
    finish
endif

let g:loaded_tact = 1

" Apply tact's preferred rewrite at the cursor (no menu).
command! -bar TactFix call tact#ale#Fix()
" Show the docs of the rules flagged at the cursor.
command! -bar TactExplain call tact#ale#Explain()

nnoremap <silent> <Plug>(tact-fix) :TactFix<CR>
nnoremap <silent> <Plug>(tact-explain) :TactExplain<CR>
