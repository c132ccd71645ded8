" tact for ALE: registers the tact language server for gitcommit buffers.
" The definition is shared by every filetype: see autoload/tact/ale.vim.

call tact#ale#Define('gitcommit')
