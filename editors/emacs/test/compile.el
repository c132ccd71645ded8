;;; compile.el --- Byte-compile tact.el and tact-eglot.el, warnings as errors -*- lexical-binding: t -*-

;; Run by run.sh as `emacs --batch -Q -l compile.el' with TACT_EMACS_DIR
;; (the repo's editors/emacs) and TACT_OUT (where the .elc files go, so the
;; repo stays clean) set.  Also checks that loading tact registers it with
;; Eglot and, when installed, lsp-mode.  Exit 0 or 1.

;;; Code:

(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(setq package-user-dir (expand-file-name "elpa" user-emacs-directory))
(package-initialize)

(let* ((dir (getenv "TACT_EMACS_DIR"))
       (out (getenv "TACT_OUT"))
       (byte-compile-dest-file-function
        (lambda (file) (expand-file-name (concat (file-name-nondirectory file) "c") out)))
       (byte-compile-error-on-warn t)
       (failed nil))
  (add-to-list 'load-path dir)
  (dolist (file '("tact.el" "tact-eglot.el"))
    (if (byte-compile-file (expand-file-name file dir))
        (message "ok: byte-compiled %s without warnings" file)
      (message "FAIL: byte-compiling %s gave warnings or errors (above)" file)
      (setq failed t)))
  (require 'tact)
  (require 'eglot)
  (if (assq 'tact-eglot-server
            (mapcar (lambda (entry) (and (functionp (cdr entry))
                                         (ignore-errors (funcall (cdr entry)))))
                    eglot-server-programs))
      (message "ok: registered with Eglot for %s"
               (mapconcat (lambda (m) (symbol-name (car m))) tact-modes " "))
    (message "FAIL: no tact entry in eglot-server-programs")
    (setq failed t))
  (when (locate-library "lsp-mode")
    (require 'lsp-mode)
    (if (gethash 'tact lsp-clients)
        (message "ok: registered with lsp-mode as client `tact'")
      (message "FAIL: no `tact' client in lsp-clients after loading lsp-mode")
      (setq failed t)))
  (kill-emacs (if failed 1 0)))

;;; compile.el ends here
