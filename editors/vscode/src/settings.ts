// The tact.* settings as the server wants them: the keys of .tact.toml plus
// docs-url, trace and max-document-size, without the client-only `path`
// (the server rejects keys it does not know).
import * as vscode from 'vscode';

/** Settings read by the extension itself, never sent to the server. */
const CLIENT_ONLY = ['path'];

const SERVER_KEYS = [
    'language',
    'glossary',
    'rules',
    'kinds',
    'rulesets',
    'docs-url',
    'trace',
    'max-document-size',
];

/** The server's settings for `scope` (a document or folder), or the window's. */
export function serverSettings(scope?: vscode.Uri): Record<string, unknown> {
    const config = vscode.workspace.getConfiguration('tact', scope);
    const out: Record<string, unknown> = {};
    for (const key of SERVER_KEYS) {
        const value = config.get(key);
        if (value !== undefined && value !== null) {
            out[key] = value;
        }
    }
    return out;
}

/** Drops the client-only keys from a `tact` section answered to workspace/configuration. */
export function withoutClientKeys(section: unknown): unknown {
    if (section === null || typeof section !== 'object' || Array.isArray(section)) {
        return section;
    }
    const out: Record<string, unknown> = { ...(section as Record<string, unknown>) };
    for (const key of CLIENT_ONLY) {
        delete out[key];
    }
    return out;
}
