// Finds the `tact` executable to run as the language server: the `tact.path`
// setting, else the binary bundled in the extension's bin/ folder, else `tact`
// on PATH.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export type ServerLookup =
    | { found: true; path: string; from: 'the tact.path setting' | 'the extension' | 'PATH' }
    | { found: false; reason: string };

const EXE = process.platform === 'win32' ? 'tact.exe' : 'tact';

export function findServer(extensionPath: string): ServerLookup {
    const configured = vscode.workspace.getConfiguration('tact').get<string>('path', '').trim();
    if (configured) {
        const expanded = expand(configured);
        const hit = path.isAbsolute(expanded) || /[\\/]/.test(expanded) ? executable(expanded) : onPath(expanded);
        return hit
            ? { found: true, path: hit, from: 'the tact.path setting' }
            : { found: false, reason: `The tact.path setting is "${configured}", but no executable is there.` };
    }
    const bundled = path.join(extensionPath, 'bin', EXE);
    if (fs.existsSync(bundled)) {
        makeExecutable(bundled);
        const hit = executable(bundled);
        if (hit) {
            return { found: true, path: hit, from: 'the extension' };
        }
    }
    const hit = onPath(EXE);
    return hit
        ? { found: true, path: hit, from: 'PATH' }
        : { found: false, reason: 'No tact program was found on PATH.' };
}

/** Expands `~`, `${userHome}` and `${workspaceFolder}`; a relative path is taken from the first workspace folder. */
function expand(value: string): string {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    let out = value
        .replace(/^~(?=$|[\\/])/, os.homedir())
        .replace(/\$\{userHome\}/g, os.homedir())
        .replace(/\$\{workspaceFolder\}/g, folder ?? '');
    if (folder && /[\\/]/.test(out) && !path.isAbsolute(out)) {
        out = path.join(folder, out);
    }
    return out;
}

function onPath(name: string): string | undefined {
    const exts = process.platform === 'win32' && !path.extname(name)
        ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')
        : [''];
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        if (!dir) {
            continue;
        }
        for (const ext of exts) {
            const hit = executable(path.join(dir, name + ext));
            if (hit) {
                return hit;
            }
        }
    }
    return undefined;
}

function executable(file: string): string | undefined {
    try {
        if (!fs.statSync(file).isFile()) {
            return undefined;
        }
        fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
        return file;
    } catch {
        return undefined;
    }
}

/** A .vsix does not always keep the execute bit of bin/tact; put it back. */
function makeExecutable(file: string): void {
    if (process.platform === 'win32') {
        return;
    }
    try {
        fs.accessSync(file, fs.constants.X_OK);
    } catch {
        try {
            fs.chmodSync(file, 0o755);
        } catch {
            // Read-only install: executable() reports it as missing.
        }
    }
}
