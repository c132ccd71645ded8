" tact for ALE: the linter definition shared by every filetype, plus the
" :TactFix and :TactExplain commands (see plugin/tact.vim).
"
" Settings (global g:ale_tact_*, or per buffer b:ale_tact_*):
"   ale_tact_executable  the tact binary                   (default 'tact')
"   ale_tact_options     extra arguments after 'tact lsp'  (default '')
"   ale_tact_settings    the server settings, the keys of .tact.toml plus
"                        docs-url, trace, max-document-size (default {})

call ale#Set('tact_executable', 'tact')
call ale#Set('tact_options', '')
call ale#Set('tact_settings', {})

function! tact#ale#GetCommand(buffer) abort
    return '%e lsp' . ale#Pad(ale#Var(a:buffer, 'tact_options'))
endfunction

" The folder of the nearest .tact.toml, else of the nearest .git, else the
" file's own folder: never empty, so the server starts for any file.
function! tact#ale#GetProjectRoot(buffer) abort
    let l:config = ale#path#FindNearestFile(a:buffer, '.tact.toml')

    if !empty(l:config)
        return fnamemodify(l:config, ':h')
    endif

    let l:git = ale#path#FindNearestDirectory(a:buffer, '.git')

    if !empty(l:git)
        " The match ends with a slash: drop it, then the .git part.
        return fnamemodify(substitute(l:git, '[/\\]$', '', ''), ':h')
    endif

    let l:git_file = ale#path#FindNearestFile(a:buffer, '.git')

    if !empty(l:git_file)
        return fnamemodify(l:git_file, ':h')
    endif

    let l:dir = expand('#' . a:buffer . ':p:h')

    return empty(l:dir) ? getcwd() : l:dir
endfunction

" Sent both as initializationOptions (used by the first check) and through
" workspace/didChangeConfiguration (ALE sends it again when it changes).
function! tact#ale#GetSettings(buffer) abort
    return {'tact': ale#Var(a:buffer, 'tact_settings')}
endfunction

function! tact#ale#Define(filetype) abort
    call ale#linter#Define(a:filetype, {
    \   'name': 'tact',
    \   'lsp': 'stdio',
    \   'executable': {buffer -> ale#Var(buffer, 'tact_executable')},
    \   'command': function('tact#ale#GetCommand'),
    \   'project_root': function('tact#ale#GetProjectRoot'),
    \   'initialization_options': function('tact#ale#GetSettings'),
    \   'lsp_config': function('tact#ale#GetSettings'),
    \})
endfunction

" :TactFix -- apply tact's preferred rewrite at the cursor, without the
" numbered menu of :ALECodeAction.
function! tact#ale#Fix() abort
    call ale#codefix#Execute(0, function('s:ApplyPreferred'))
endfunction

" Whether ALE's connection a:data.connection_id is tact's. ALE keeps that map
" for itself; when it is not there, assume yes.
function! s:IsTactConnection(data) abort
    try
        let l:map = ale#lsp_linter#GetLSPLinterMap()
    catch /E117/
        return 1
    endtry

    return get(l:map, get(a:data, 'connection_id', -1), 'tact') is# 'tact'
endfunction

" ALE calls this once per language server of the buffer with the actions it
" offers at the cursor, as [['lsp', action], ...].
function! s:ApplyPreferred(data, items) abort
    if empty(a:data) || !s:IsTactConnection(a:data)
        return
    endif

    for [l:type, l:action] in a:items
        if l:type is# 'lsp' && get(l:action, 'isPreferred', v:false) is v:true
            call ale#codefix#ApplyLSPCodeAction(a:data, l:action)

            return
        endif
    endfor

    echomsg 'tact: no fix at the cursor'
endfunction

" :TactExplain -- show the docs of the rules flagged at the cursor.
function! tact#ale#Explain() abort
    let l:buffer = bufnr('')
    let l:params = {
    \   'textDocument': {'uri': ale#util#ToURI(expand('#' . l:buffer . ':p'))},
    \   'position': {'line': line('.') - 1, 'character': charcol('.') - 1},
    \}
    let l:message = [0, 'workspace/executeCommand', {
    \   'command': 'tact.explain',
    \   'arguments': [l:params],
    \}]

    try
        call ale#lsp_linter#SendRequest(
        \   l:buffer, 'tact', l:message, function('s:ShowExplanation')
        \)
    catch /not found/
        echohl ErrorMsg
        echomsg 'tact: the tact linter is not enabled for this buffer'
        echohl None
    endtry
endfunction

function! s:ShowExplanation(response) abort
    if has_key(a:response, 'error')
        echomsg 'tact: ' . get(a:response.error, 'message', 'explain failed')

        return
    endif

    let l:result = get(a:response, 'result', v:null)

    if type(l:result) isnot v:t_dict || empty(get(l:result, 'markdown', ''))
        echomsg 'tact: nothing is flagged at the cursor'

        return
    endif

    call tact#ale#ShowMarkdown(l:result.markdown)
endfunction

" Show text in a scratch window named tact://explain, reused between calls.
function! tact#ale#ShowMarkdown(text) abort
    let l:window = bufwinnr('^tact://explain$')

    if l:window > 0
        execute l:window . 'wincmd w'
    else
        silent keepalt botright new tact://explain
        setlocal buftype=nofile bufhidden=wipe noswapfile nobuflisted
        setlocal filetype=markdown
        " No linting of the docs themselves.
        let b:ale_enabled = 0
    endif

    setlocal modifiable
    silent %delete _
    call setline(1, split(a:text, "\n", 1))
    setlocal nomodifiable
    normal! gg
endfunction
