;;; tact-eglot.el --- Eglot's server class for tact -*- lexical-binding: t -*-

;;; Commentary:

;; Loaded by tact.el once Eglot is: defines `tact-eglot-server', the class
;; Eglot runs tact's language server with, and adds tact to
;; `eglot-server-programs' (unless `tact-register-with-eglot' is nil).

;;; Code:

(require 'eglot)
(require 'tact)

(defclass tact-eglot-server (eglot-lsp-server) ()
  :documentation "tact's language server, as Eglot runs it.")

(cl-defmethod eglot-initialization-options ((_server tact-eglot-server))
  "Send `tact-settings' as initializationOptions."
  (tact--initialization-options))

;; The server asks for the "tact" section when the client signals a
;; configuration change.  Eglot answers from the project's
;; `eglot-workspace-configuration'; when that has no `:tact' section, answer
;; with `tact-settings', so the settings sent at start stay in force.
(cl-defmethod eglot-handle-request
  ((_server tact-eglot-server) (_method (eql workspace/configuration))
   &key items)
  "Answer a request for the \"tact\" section with `tact-settings' by default."
  (let ((answers (cl-call-next-method)))
    (dotimes (i (length items))
      (when (and (equal (plist-get (aref items i) :section) "tact")
                 (null (aref answers i)))
        (aset answers i (plist-get (tact--initialization-options) :tact))))
    answers))

(when tact-register-with-eglot
  (tact--eglot-register))

(provide 'tact-eglot)
;;; tact-eglot.el ends here
