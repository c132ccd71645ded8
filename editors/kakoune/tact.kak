# tact for Kakoune, through kakoune-lsp (kak-lsp 18 or later): adds tact's
# language server to `lsp_servers` for Markdown, mail and git commit
# buffers. Source it from your kakrc after kak-lsp is loaded:
#
#     eval %sh{kak-lsp}
#     source /path/to/tact/editors/kakoune/tact.kak
#     hook global WinSetOption filetype=(markdown|mail|git-commit) %{ lsp-enable-window }
#
# The settings under [tact.settings.tact] go to the server both as
# initializationOptions and as the answer when it asks for the "tact"
# section; they take the keys of .tact.toml, plus docs-url, trace and
# max-document-size. A .tact.toml above a file wins over them.

hook -group tact-lsp global BufSetOption filetype=(?:markdown|mail|git-commit) %{
    # -add keeps servers set earlier for the buffer (marksman, say).
    set-option -add buffer lsp_servers %{
        [tact]
        command = "tact"
        args = ["lsp"]
        root_globs = [".tact.toml", ".git", ".hg"]
        settings_section = "tact"
        [tact.settings.tact]
        # language = "en"
        # glossary = ["deploy"]
        # rules = { jargon = "information", blame = "off" }
    }
}
