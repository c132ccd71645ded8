//! tact's Zed extension: starts `tact lsp` for the languages listed in
//! extension.toml and passes the user's `lsp.tact` settings to it.
//!
//! - `lsp.tact.binary.path` / `.arguments` override the program (default:
//!   `tact` found on the worktree's PATH) and its arguments (default: `lsp`).
//! - `lsp.tact.settings` (the keys of .tact.toml, plus `docs-url`, `trace`,
//!   `max-document-size`) go to the server under `tact`, both as
//!   initializationOptions and as the answer to `workspace/configuration`.
//! - `lsp.tact.initialization_options`, when set, is sent as it is instead.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

const SERVER: &str = "tact";

struct TactExtension;

fn settings(worktree: &zed::Worktree) -> LspSettings {
    LspSettings::for_worktree(SERVER, worktree).unwrap_or_default()
}

/// The user's `lsp.tact.settings` as tact expects them: under `tact`.
fn wrapped(settings: &LspSettings) -> serde_json::Value {
    let inner = settings
        .settings
        .clone()
        .unwrap_or_else(|| serde_json::json!({}));
    serde_json::json!({ SERVER: inner })
}

impl zed::Extension for TactExtension {
    fn new() -> Self {
        TactExtension
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = settings(worktree).binary;
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = match configured.or_else(|| worktree.which(SERVER)) {
            Some(path) => path,
            None => {
                return Err(
                    "tact was not found on PATH: install it, or set lsp.tact.binary.path \
                     in Zed's settings"
                        .into(),
                )
            }
        };
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| vec!["lsp".into()]);
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.and_then(|b| b.env) {
            env.extend(extra);
        }
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = settings(worktree);
        Ok(Some(
            settings
                .initialization_options
                .clone()
                .unwrap_or_else(|| wrapped(&settings)),
        ))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(Some(wrapped(&settings(worktree))))
    }
}

zed::register_extension!(TactExtension);
