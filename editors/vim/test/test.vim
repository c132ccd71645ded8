" End-to-end test of tact's ALE integration, run by run.sh as
"   vim -N -u test.vim -i NONE -n -es mail.md
" with $TACT_VIM_DIR (the repo's editors/vim), $TACT_BIN, $TACT_LOG and
" $TACT_RESULT set. It writes one line per step to $TACT_RESULT, the last
" being PASS or FAIL, and exits 0 or 1.

set nocompatible
set nomore
set noswapfile

" ALE from Debian's vim-ale is an optional package; the repo's integration
" goes on the runtimepath exactly as a plugin manager would put it.
packadd ale
execute 'set runtimepath^=' . fnameescape($TACT_VIM_DIR)
runtime plugin/tact.vim
filetype plugin on

let g:ale_tact_executable = $TACT_BIN
let g:ale_tact_options = '--log-file ' . shellescape($TACT_LOG)
" Only tact, so an installed markdownlint or vale cannot change the result.
let g:ale_linters = {'markdown': ['tact']}
let g:ale_lint_delay = 50
" Settings travel to the server: jargon raised from warning to error.
let g:ale_tact_settings = {'rules': {'jargon': 'error'}}

let s:expected_after = 'We released the new booking page on Monday 1 December.'
let s:menus = []

function! s:Log(message) abort
    call writefile([a:message], $TACT_RESULT, 'a')
endfunction

function! s:Fail(message) abort
    call s:Log('FAIL: ' . a:message)
    call s:Log('  line 3 now: ' . string(getline(3)))
    call s:Log('  ALE loclist: ' . string(ale#engine#GetLoclist(bufnr('%'))))
    call s:Log('  ALE LSP errors: ' . string(get(g:, 'ale_lsp_error_messages', {})))
    call s:Log('  ALE history: ' . string(ale#history#Get(bufnr('%'))))
    call s:Log('  menus: ' . string(s:menus))
    call s:Log('  messages: ' . execute('messages'))
    cquit 1
endfunction

" Wait up to a:ms milliseconds for a:Condition() to hold, letting timers and
" the language server's channel run meanwhile.
function! s:WaitFor(Condition, ms) abort
    let l:start = reltime()

    while reltimefloat(reltime(l:start)) * 1000 < a:ms
        if a:Condition()
            return 1
        endif

        sleep 20m
    endwhile

    return a:Condition()
endfunction

function! s:TactFindings() abort
    return filter(copy(ale#engine#GetLoclist(bufnr('%'))),
    \   'get(v:val, ''linter_name'', '''') is# ''tact''')
endfunction

function! s:HasJargon() abort
    return !empty(filter(s:TactFindings(), 'get(v:val, ''code'', '''') is# ''jargon'''))
endfunction

function! s:HasNoFindings() abort
    return empty(s:TactFindings())
endfunction

function! s:LineChanged() abort
    return getline(3) !~# '^We deployed'
endfunction

" The user's side of :ALECodeAction's numbered menu: pick the entry that
" rewrites to "released", as a user would type its number. ALE asks through
" ale#util#Input(), a wrapper of input(); load ALE's version first so this
" one replaces it rather than the other way round.
runtime autoload/ale/util.vim
function! ale#util#Input(message, value, ...) abort
    call add(s:menus, a:message)

    for l:entry in split(a:message, "\n")
        if l:entry =~# '^\d\+) .*released'
            return matchstr(l:entry, '^\d\+')
        endif
    endfor

    return ''
endfunction

" After a change made from a script, fire the event Vim fires when a user's
" edit ends, so ALE re-lints (and tells the server) as it would in real use.
function! s:UserEditDone() abort
    doautocmd <nomodeline> TextChanged
endfunction

function! s:ExpectDiagnostic(step) abort
    if !s:WaitFor(function('s:HasJargon'), 10000)
        call s:Fail(a:step . ': no tact jargon finding in ALE''s loclist within 10 s')
    endif

    let l:item = filter(s:TactFindings(), 'v:val.code is# ''jargon''')[0]
    let l:at = [l:item.lnum, l:item.col, get(l:item, 'end_lnum', -1), get(l:item, 'end_col', -1)]

    if l:at != [3, 4, 3, 11]
        call s:Fail(a:step . ': jargon finding at [lnum, col, end_lnum, end_col] '
        \   . string(l:at) . ', expected [3, 4, 3, 11]')
    endif

    if l:item.type isnot# 'E'
        call s:Fail(a:step . ': jargon finding of type ' . string(l:item.type)
        \   . ', expected ''E'' (g:ale_tact_settings makes it an error)')
    endif

    call s:Log('ok: ' . a:step . ': error [jargon] at 3:4-3:11: ' . l:item.text)
endfunction

function! s:ExpectFixed(step) abort
    if !s:WaitFor(function('s:LineChanged'), 5000)
        let l:offered = join(split(get(s:menus, 0, ''), "\n"), ' | ')

        if l:offered =~# '^Code Fixes: | 1) Apply every safe tact fix | Type'
            call s:Fail(a:step . ': the server offered no quick fix for the'
            \   . ' diagnostic, only the fix-all action. ALE sends the diagnostic'
            \   . ' back without "source" and "data"; tact must match it by range')
        endif

        call s:Fail(a:step . ': line 3 did not change within 5 s')
    endif

    if getline(3) !~# '^' . s:expected_after
        call s:Fail(a:step . ': line 3 is ' . string(getline(3))
        \   . ', expected it to start with ' . string(s:expected_after))
    endif

    call s:Log('ok: ' . a:step . ': line 3 reads ' . string(getline(3)))
    call s:UserEditDone()

    if !s:WaitFor(function('s:HasNoFindings'), 5000)
        call s:Fail(a:step . ': tact findings still in ALE''s loclist 5 s after the fix')
    endif

    call s:Log('ok: ' . a:step . ': the finding went away')
endfunction

function! s:Undo(step) abort
    silent undo
    call s:UserEditDone()

    if getline(3) !~# '^We deployed'
        call s:Fail(a:step . ': undo did not restore line 3')
    endif
endfunction

function! s:Main() abort
    let l:start = reltime()
    call s:Log('vim ' . v:version . '.' . v:versionlong % 10000
    \   . ', ALE ' . (exists('*ale#Has') && ale#Has('ale-3.3.0') ? '>= 3.3.0' : '< 3.3.0')
    \   . ', filetype ' . &filetype)

    if &filetype isnot# 'markdown'
        call s:Fail('the fixture opened with filetype ' . string(&filetype) . ', expected markdown')
    endif

    " 1. The diagnostic arrives by itself (ALE lints on enter).
    call s:ExpectDiagnostic('open')

    " 2. The quick fix through ALE's own :ALECodeAction menu.
    call cursor(3, 4)
    ALECodeAction
    call s:ExpectFixed(':ALECodeAction')
    call s:Log('  menu: ' . join(split(get(s:menus, 0, '(no menu)'), "\n"), ' | '))

    " 3. Undo; the finding comes back; :TactExplain shows the rule's docs.
    call s:Undo('undo')
    call s:ExpectDiagnostic('after undo')
    let l:main_window = win_getid()
    call cursor(3, 6)
    TactExplain

    if !s:WaitFor({-> bufwinnr('^tact://explain$') > 0}, 5000)
        call s:Fail(':TactExplain: no tact://explain window within 5 s')
    endif

    let l:docs = getbufline(bufnr('^tact://explain$'), 1, '$')

    if index(l:docs, '# jargon') < 0
        call s:Fail(':TactExplain: no "# jargon" line in ' . string(l:docs[0:5]))
    endif

    call s:Log('ok: :TactExplain: ' . len(l:docs) . ' lines of docs, first ' . string(l:docs[0]))
    call win_gotoid(l:main_window)

    " 4. The preferred fix without a menu: :TactFix.
    call cursor(3, 4)
    TactFix
    call s:ExpectFixed(':TactFix')

    call s:Log(printf('PASS (%.1f s in vim)', reltimefloat(reltime(l:start))))
    qall!
endfunction

autocmd VimEnter * ++once try | call s:Main() | catch | call s:Fail('vim error: ' . v:exception . ' at ' . v:throwpoint) | endtry
