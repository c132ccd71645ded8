" tact for ALE: registers the tact language server for text buffers.
" The definition is shared by every filetype: see autoload/tact/ale.vim.

call tact#ale#Define('text')
