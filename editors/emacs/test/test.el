;;; test.el --- End-to-end test of tact.el with Eglot or lsp-mode -*- lexical-binding: t -*-

;; Run by run.sh as
;;   emacs --batch -Q -l test.el mail.md -f test-main
;; with TACT_EMACS_DIR (the repo's editors/emacs), TACT_BIN, TACT_LOG,
;; TACT_RESULT and TACT_EMACS_CLIENT ("eglot" or "lsp-mode") set.  Emacs
;; loads this file, visits mail.md as a user's Emacs would, then calls
;; `test-main': one line per step goes to TACT_RESULT, the last being PASS
;; or FAIL; the exit code is 0 or 1.

;;; Code:

(require 'cl-lib)

;; -Q skips Debian's site-start, which puts the elpa-* packages on the
;; load-path; do what it does.
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(setq package-user-dir (expand-file-name "elpa" user-emacs-directory))
(package-initialize)

;; The repo's integration, configured as a user would in init.el.
(add-to-list 'load-path (getenv "TACT_EMACS_DIR"))
(require 'tact)
(setq tact-executable (getenv "TACT_BIN")
      tact-server-arguments (list "lsp" "--log-file" (getenv "TACT_LOG"))
      ;; Settings travel to the server: jargon raised from warning to error.
      tact-settings '(:rules (:jargon "error")))
(defvar test--client (intern (or (getenv "TACT_EMACS_CLIENT") "eglot")))
(require 'markdown-mode)
(if (eq test--client 'eglot)
    (progn
      (require 'eglot)
      (add-hook 'markdown-mode-hook #'eglot-ensure))
  (require 'lsp-mode)
  (setq lsp-session-file (expand-file-name "lsp-session" user-emacs-directory)
        lsp-diagnostics-provider :flymake
        lsp-enable-file-watchers nil
        lsp-keep-workspace-alive nil
        lsp-log-io t)
  ;; What answering lsp-mode's "import project root" question once does.
  (lsp-workspace-folders-add default-directory)
  (add-hook 'markdown-mode-hook #'lsp))

(defvar test--start (current-time))
(defvar test--prompts nil "What Eglot asked the user.")

(defun test--log (format-string &rest args)
  "Append one line, FORMAT-STRING with ARGS, to the result file."
  (let ((line (apply #'format format-string args)))
    (write-region (concat line "\n") nil (getenv "TACT_RESULT") 'append 'silent)))

(defun test--fail (format-string &rest args)
  "Log FAIL with FORMAT-STRING and ARGS, what Emacs knew, and exit 1."
  (test--log "FAIL: %s" (apply #'format format-string args))
  (ignore-errors
    (test--log "  line 3 now: %S"
               (save-excursion (goto-char (point-min)) (forward-line 2)
                               (buffer-substring-no-properties
                                (point) (line-end-position)))))
  (ignore-errors (test--log "  major mode: %s, server: %S" major-mode (test--server-name)))
  (ignore-errors (test--log "  flymake diagnostics: %S" (flymake-diagnostics)))
  (ignore-errors (test--log "  prompts: %S" test--prompts))
  (ignore-errors
    (test--log "---- %s log ----\n%s" test--client
               (with-current-buffer (if (eq test--client 'eglot)
                                        (jsonrpc-events-buffer (eglot-current-server))
                                      (get-buffer "*lsp-log: tact:*"))
                 (buffer-string))))
  (ignore-errors
    (test--log "---- *Messages* ----\n%s"
               (with-current-buffer "*Messages*" (buffer-string))))
  (kill-emacs 1))

(defun test--wait-for (predicate seconds)
  "Wait up to SECONDS for PREDICATE to hold, reading the server meanwhile."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall predicate)))

(defun test--idle ()
  "Run the idle timers, as Emacs does when the user stops typing.
Eglot sends changes and Flymake re-checks from idle timers, which never
fire in batch mode on their own."
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun test--server-name ()
  "The name of the buffer's language server connection, or nil."
  (if (eq test--client 'eglot)
      (and (eglot-current-server) (jsonrpc-name (eglot-current-server)))
    (mapconcat #'lsp--workspace-print (lsp-workspaces) ", ")))

(defun test--connected-p ()
  "Whether the buffer's client is connected to tact."
  (if (eq test--client 'eglot)
      (eglot-current-server)
    (cl-some (lambda (w) (eq (lsp--workspace-status w) 'initialized)) (lsp-workspaces))))

(defun test--lsp-diagnostic (diag)
  "The LSP diagnostic behind Flymake's DIAG, as (SOURCE CODE)."
  (if (eq test--client 'eglot)
      (let ((lsp (cdr (assq 'eglot-lsp-diag (flymake-diagnostic-data diag)))))
        (list (plist-get lsp :source) (plist-get lsp :code)))
    ;; lsp-mode's Flymake diagnostics carry only the text; find the one it
    ;; keeps for the same start.
    (let ((start (test--line-col (flymake-diagnostic-beg diag))))
      (cl-loop for d in (lsp--get-buffer-diagnostics)
               for at = (gethash "start" (gethash "range" d))
               when (equal (list (1+ (gethash "line" at)) (gethash "character" at)) start)
               return (list (gethash "source" d) (gethash "code" d))))))

(defun test--tact-diagnostics ()
  "Flymake's diagnostics from tact."
  (cl-remove-if-not (lambda (diag) (equal (car (test--lsp-diagnostic diag)) "tact"))
                    (flymake-diagnostics)))

(defun test--jargon ()
  "Flymake's diagnostic for tact's jargon finding, or nil."
  (cl-find-if (lambda (diag) (equal (cadr (test--lsp-diagnostic diag)) "jargon"))
              (test--tact-diagnostics)))

(defun test--code-action ()
  "Apply a code action at point as a user would, through the client's command.
The user picks the entry rewriting to \"released\": Eglot offers the
preferred action as the default, so that is RET; lsp-mode has no default,
so that is choosing \"released\"."
  (cl-letf (((symbol-function 'completing-read)
             (lambda (prompt collection &optional _pred _req _init _hist default &rest _)
               (let ((names (mapcar (lambda (c) (if (consp c) (car c) c)) collection)))
                 (push (format "%s%S" prompt names) test--prompts)
                 (or default (cl-find "released" names :test #'equal))))))
    ;; A keyboard event, so the client prompts rather than pops up a menu.
    (let ((last-nonmenu-event ?\r))
      (call-interactively (if (eq test--client 'eglot)
                              #'eglot-code-actions
                            #'lsp-execute-code-action)))))

(defun test--line-col (pos)
  "POS as (LINE COLUMN), line 1-based, column 0-based."
  (save-excursion (goto-char pos) (list (line-number-at-pos) (current-column))))

(defun test--line-3 ()
  "The text of line 3."
  (save-excursion (goto-char (point-min)) (forward-line 2)
                  (buffer-substring-no-properties (point) (line-end-position))))

(defun test--run ()
  "The test; runs with the fixture's buffer current."
  (test--log "emacs %s, %s %s, major mode %s" emacs-version test--client
             (or (ignore-errors (package-version-join
                                 (package-desc-version
                                  (cadr (assq test--client package-alist)))))
                 "?")
             major-mode)
  (unless (eq major-mode 'markdown-mode)
    (test--fail "the fixture opened in %s, expected markdown-mode" major-mode))

  ;; Shown in a window, as in a user's Emacs: Flymake waits for that.
  (switch-to-buffer (current-buffer))
  ;; eglot-ensure connects from `post-command-hook', after the command
  ;; that visited the file; batch mode has no command loop, so run it.
  (run-hooks 'post-command-hook)
  (unless (test--wait-for #'test--connected-p 10)
    (test--fail "%s did not connect to tact within 10 s" test--client))
  (test--log "ok: %s connected: %s" test--client (test--server-name))

  ;; Flymake starts its first check when that command ends, and then
  ;; whenever Emacs is idle.
  (run-hooks 'post-command-hook)

  ;; 1. The diagnostic, in Flymake.
  (unless (test--wait-for (lambda () (test--idle) (test--jargon)) 10)
    (test--fail "no tact jargon diagnostic in Flymake within 10 s"))
  (let* ((diag (test--jargon))
         (from (test--line-col (flymake-diagnostic-beg diag)))
         (to (test--line-col (flymake-diagnostic-end diag))))
    (unless (and (equal from '(3 3)) (equal to '(3 11)))
      (test--fail "jargon diagnostic at %S-%S, expected (3 3)-(3 11)" from to))
    ;; Eglot 1.9 names its types eglot-error etc.; others use :error.
    (unless (memq (flymake-diagnostic-type diag) '(eglot-error :error))
      (test--fail "jargon diagnostic of type %s, expected an error (tact-settings makes it one)"
                  (flymake-diagnostic-type diag)))
    (test--log "ok: flymake: %s [jargon] at 3:3-3:11: %s"
               (flymake-diagnostic-type diag) (flymake-diagnostic-text diag)))

  ;; 2. tact-explain at point.
  (goto-char (point-min))
  (forward-line 2)
  (forward-char 5)
  (let ((docs (tact-explain t)))
    (unless (and (stringp docs) (string-match-p "^# jargon$" docs))
      (test--fail "tact-explain gave %S, expected Markdown with a \"# jargon\" line"
                  (if (stringp docs) (substring docs 0 (min 200 (length docs))) docs)))
    (test--log "ok: tact-explain: %d characters of docs with \"# jargon\"" (length docs)))

  ;; 3. The quick fix through M-x eglot-code-actions or M-x
  ;; lsp-execute-code-action, the user picking the "released" rewrite.
  (goto-char (point-min))
  (forward-line 2)
  (forward-char 3)
  (test--code-action)
  (test--log "  prompt: %s" (car test--prompts))
  (unless (test--wait-for (lambda () (string-prefix-p "We released" (test--line-3))) 5)
    (test--fail "line 3 is %S after the code action, expected it to start with %S"
                (test--line-3) "We released the new booking page"))
  (test--log "ok: code action: line 3 reads %S" (test--line-3))

  ;; 4. The diagnostic goes away once Emacs, idle, sends the change.
  (unless (test--wait-for (lambda () (test--idle) (null (test--tact-diagnostics))) 5)
    (test--fail "tact diagnostics still in Flymake 5 s after the fix: %S"
                (mapcar #'flymake-diagnostic-text (test--tact-diagnostics))))
  (test--log "ok: the diagnostic went away")

  (test--log "PASS (%.1f s in emacs)" (float-time (time-since test--start)))
  (kill-emacs 0))

(defun test-main ()
  "Run the test in the fixture's buffer."
  (let ((buffer (find-buffer-visiting (expand-file-name "mail.md"))))
    (unless buffer
      (test--fail "mail.md was not visited"))
    (with-current-buffer buffer
      (condition-case err
          (test--run)
        (error (test--fail "Lisp error: %S" err))))))

;;; test.el ends here
