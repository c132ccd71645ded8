// Entry point of the tact extension: runs `tact lsp` for mails, Markdown,
// plain text and commit messages through vscode-languageclient, keeps the
// server's settings in step with tact.*, and adds the tact commands and the
// status bar item.
import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification,
    LanguageClient,
    LanguageClientOptions,
    State,
} from 'vscode-languageclient/node';
import { Explainer } from './explain';
import { findServer } from './server';
import { serverSettings, withoutClientKeys } from './settings';
import { DocumentStatus } from './status';

const LANGUAGES = ['markdown', 'plaintext', 'git-commit', 'mail', 'email'];

/** What tact checks: those languages on disk and unsaved, and any .eml file. */
const SELECTOR: ({ scheme: string; language: string } | { scheme: string; pattern: string })[] = [
    ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
    ]),
    { scheme: 'file', pattern: '**/*.eml' },
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: DocumentStatus;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    output = vscode.window.createOutputChannel('tact');
    status = new DocumentStatus(() => client, SELECTOR);
    const explainer = new Explainer();
    context.subscriptions.push(
        output,
        status,
        explainer,
        vscode.commands.registerCommand('tact.restartServer', () => restart(context)),
        vscode.commands.registerCommand('tact.showOutput', () => output.show(true)),
        vscode.commands.registerCommand('tact.explainRule', () => explainer.explainAtCursor(client)),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration('tact.path')) {
                void restart(context);
            } else if (event.affectsConfiguration('tact') && client?.isRunning()) {
                output.appendLine('[client] tact settings changed: sending them to the server');
                void client.sendNotification(DidChangeConfigurationNotification.type, {
                    settings: { tact: serverSettings() },
                });
            }
        }),
    );
    await start(context);
}

export async function deactivate(): Promise<void> {
    await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
    const server = findServer(context.extensionPath);
    if (!server.found) {
        output.appendLine(`[client] ${server.reason} PATH is ${process.env.PATH ?? '(not set)'}`);
        void reportMissing(server.reason);
        return;
    }
    output.appendLine(`[client] starting ${server.path} lsp (found through ${server.from})`);

    const options: LanguageClientOptions = {
        documentSelector: SELECTOR,
        outputChannel: output,
        initializationOptions: { tact: serverSettings() },
        middleware: {
            workspace: {
                // The server pulls the "tact" section; answer without client-only keys.
                configuration: async (params, token, next) => {
                    const answer = await next(params, token);
                    if (!Array.isArray(answer)) {
                        return answer;
                    }
                    return answer.map((value, i) =>
                        params.items[i]?.section === 'tact' ? withoutClientKeys(value) : value,
                    );
                },
            },
        },
    };
    const next = new LanguageClient('tact', 'tact', { command: server.path, args: ['lsp'] }, options);
    next.onDidChangeState((event) => {
        if (event.newState === State.Running) {
            status.refresh();
        }
    });
    client = next;
    try {
        await next.start();
    } catch (error) {
        output.appendLine(`[client] could not start ${server.path}: ${String(error)}`);
        const choice = await vscode.window.showErrorMessage(
            `tact: the language server did not start (${server.path}).`,
            'Show Output',
        );
        if (choice) {
            output.show(true);
        }
    }
    status.refresh();
}

async function stop(): Promise<void> {
    const old = client;
    client = undefined;
    status?.refresh();
    // dispose() stops a running server; one that never started has nothing to stop.
    await old?.dispose().catch(() => undefined);
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
    output.appendLine('[client] restarting the language server');
    await stop();
    await start(context);
}

/** The error shown when no tact binary is found, with a way to fix it. */
async function reportMissing(reason: string): Promise<void> {
    const settings = 'Open Settings';
    const choice = await vscode.window.showErrorMessage(
        `tact: cannot start the language server. ${reason} ` +
            "Install tact with 'cargo install --path .' in a checkout of the tact repository " +
            "(it goes to ~/.cargo/bin, which must be on PATH), or set 'tact.path' to the tact program.",
        settings,
    );
    if (choice === settings) {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'tact.path');
    }
}
