;;; tact.el --- Client-friendly writing checks via the tact language server -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: convenience, wp, mail

;;; Commentary:

;; Registers `tact lsp' with Eglot and, when it is installed, with
;; lsp-mode, for Markdown, plain text, mail and commit messages.  tact
;; flags jargon, vague promises, blame and other client-unfriendly writing
;; and offers rewrites as quick fixes.
;;
;;   (require 'tact)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)   ; or #'lsp
;;
;; Quick fix: M-x eglot-code-actions (the preferred rewrite is the
;; default).  Rule docs at point: M-x tact-explain.  Settings: the user
;; option `tact-settings'.  See README.md beside this file.

;;; Code:

(require 'cl-lib)
(require 'eieio)

(defgroup tact nil
  "Client-friendly writing checks via the tact language server."
  :group 'tools
  :prefix "tact-")

(defcustom tact-executable "tact"
  "The tact program: a name looked up on `exec-path', or a file name."
  :type 'string)

(defcustom tact-server-arguments '("lsp")
  "Arguments that start tact's language server.
Add \"--log-file\" and a file name to keep the server's log."
  :type '(repeat string))

(defcustom tact-settings nil
  "Settings sent to the server as initializationOptions, under \"tact\".
A plist with the keys of .tact.toml, plus `:docs-url', `:trace' and
`:max-document-size'.  Write JSON arrays as vectors, for example:

  (:language \"en\"
   :glossary [\"deploy\"]
   :rules (:jargon \"information\" :blame \"off\"))

A .tact.toml above a file is laid over these and wins.  Restart the
server after changing this."
  :type '(plist :key-type symbol :value-type sexp))

(defcustom tact-modes
  '((gfm-mode . "markdown")
    (markdown-mode . "markdown")
    (message-mode . "mail")
    (mail-mode . "mail")
    (git-commit-mode . "gitcommit")
    (log-edit-mode . "gitcommit")
    (text-mode . "plaintext"))
  "Major modes tact checks, each with the LSP language id it sends.
Modes derived from these are checked too; the first entry a mode
matches wins, so list derived modes before their parents (`text-mode'
last).  Eglot starts one server per entry, so each sends its own
language id.  Set this before tact is loaded, or call `tact-register'
again after changing it."
  :type '(alist :key-type symbol :value-type string))

(defcustom tact-register-with-eglot t
  "Whether loading tact adds it to `eglot-server-programs'.
Eglot runs one server per buffer, so this takes Markdown and text
buffers from any other server listed there."
  :type 'boolean)

;;; Shared

(defun tact--command ()
  "The command line that starts the language server."
  (cons tact-executable tact-server-arguments))

(defun tact--initialization-options (&rest _)
  "The initializationOptions: `tact-settings' under \"tact\"."
  (list :tact (or tact-settings (make-hash-table))))

(defun tact--markdown-to-buffer (markdown)
  "Show MARKDOWN in the *tact explain* buffer and return that buffer."
  (let ((buffer (get-buffer-create "*tact explain*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert markdown)
        (goto-char (point-min))
        (if (fboundp 'gfm-view-mode) (gfm-view-mode) (special-mode))))
    (display-buffer buffer)
    buffer))

;;; Eglot

(declare-function eglot-current-server "eglot" ())
(declare-function eglot--TextDocumentIdentifier "eglot" ())
(declare-function eglot--pos-to-lsp-position "eglot" (&optional pos))
(declare-function jsonrpc-request "jsonrpc" (connection method params &rest args))
(defvar eglot-server-programs)

(defun tact--eglot-contact (&rest _)
  "The Eglot contact for tact, read when a server starts."
  (cons 'tact-eglot-server (tact--command)))

(defun tact--eglot-register ()
  "Add one entry per mode of `tact-modes' to `eglot-server-programs'.
They go first, in the order of `tact-modes' (its generic `text-mode'
last, so that `markdown-mode', derived from it, finds its own entry)."
  (setq eglot-server-programs
        (append
         (mapcar (lambda (mode)
                   (cons (list (list (car mode) :language-id (cdr mode)))
                         #'tact--eglot-contact))
                 tact-modes)
         (cl-remove-if (lambda (entry) (eq (cdr entry) #'tact--eglot-contact))
                       eglot-server-programs))))

;;; lsp-mode

(declare-function lsp-register-client "lsp-mode" (client))
(declare-function make-lsp-client "lsp-mode" (&rest args))
(declare-function lsp-stdio-connection "lsp-mode" (command &optional test-command))
(declare-function lsp-register-custom-settings "lsp-mode" (props))
(declare-function lsp-request "lsp-mode" (method params &rest args))
(declare-function lsp--text-document-position-params "lsp-mode" (&optional identifier position))
(defvar lsp-language-id-configuration)

(defun tact--lsp-activate-p (_file-name mode)
  "Whether lsp-mode starts tact for a buffer in major MODE."
  (cl-some (lambda (entry) (provided-mode-derived-p mode (car entry))) tact-modes))

(defconst tact--setting-keys
  '(:language :glossary :rules :kinds :rulesets :docs-url :trace
    :max-document-size)
  "The keys of `tact-settings' that lsp-mode answers a pull of \"tact\" with.")

(defun tact--lsp-register ()
  "Register tact with lsp-mode, as an add-on beside other servers."
  (dolist (mode tact-modes)
    (unless (assq (car mode) lsp-language-id-configuration)
      (push mode lsp-language-id-configuration)))
  ;; What lsp-mode answers when the server asks for the "tact" section.
  (lsp-register-custom-settings
   (mapcar (lambda (key)
             (list (concat "tact." (substring (symbol-name key) 1))
                   (lambda () (plist-get tact-settings key))))
           tact--setting-keys))
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection #'tact--command)
    :activation-fn #'tact--lsp-activate-p
    :initialization-options #'tact--initialization-options
    :server-id 'tact
    :add-on? t
    :priority -1)))

;;; Commands

(defun tact--explain-params ()
  "The tact.explain argument for point: a TextDocumentPositionParams."
  (cond
   ((and (bound-and-true-p eglot--managed-mode) (fboundp 'eglot-current-server)
         (eglot-current-server))
    (list :textDocument (eglot--TextDocumentIdentifier)
          :position (eglot--pos-to-lsp-position (point))))
   ((bound-and-true-p lsp-mode)
    (lsp--text-document-position-params))
   (t (user-error "tact: this buffer is not managed by Eglot or lsp-mode"))))

(defun tact--execute (command argument)
  "Ask the buffer's language server to run COMMAND with ARGUMENT."
  (let ((params (list :command command :arguments (vector argument))))
    (if (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))
        (jsonrpc-request (eglot-current-server) :workspace/executeCommand params)
      (lsp-request "workspace/executeCommand" params))))

;;;###autoload
(defun tact-explain (&optional no-display)
  "Show the docs of the tact rules flagged at point.
Return the Markdown text, or nil when nothing is flagged there.  With
NO-DISPLAY (a prefix argument), only return it."
  (interactive "P")
  (let* ((answer (tact--execute "tact.explain" (tact--explain-params)))
         ;; A plist from Eglot; a hash table from lsp-mode (unless it is
         ;; built with lsp-use-plists).
         (markdown (cond ((hash-table-p answer) (gethash "markdown" answer))
                         ((listp answer) (plist-get answer :markdown)))))
    (cond
     ((not (stringp markdown))
      (when (called-interactively-p 'interactive)
        (message "tact: nothing is flagged at point"))
      nil)
     (t
      (unless no-display (tact--markdown-to-buffer markdown))
      markdown))))

;;;###autoload
(defun tact-register ()
  "Register tact with Eglot and lsp-mode, for those that are loaded.
Loading tact does this already; call it again after changing
`tact-modes'."
  (interactive)
  (when (and tact-register-with-eglot (featurep 'eglot))
    (tact--eglot-register))
  (when (featurep 'lsp-mode)
    (tact--lsp-register)))

(provide 'tact)

;; Register with whichever clients are loaded now or later.  tact-eglot
;; holds Eglot's server class for tact, so it needs Eglot loaded.
(with-eval-after-load 'eglot
  (require 'tact-eglot))
(with-eval-after-load 'lsp-mode
  (tact--lsp-register))

;;; tact.el ends here
