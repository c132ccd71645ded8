// The status bar item: the language and kind tact reads the active document
// as (from the server's tact.documentInfo command), e.g. "tact: en · mail".
// Hidden when tact does not check the active document.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';

interface DocumentInfo {
    language: string;
    kind: string;
    findings: number;
}

const LANGUAGES: Record<string, string> = { en: 'English', nl: 'Dutch' };

export class DocumentStatus implements vscode.Disposable {
    private readonly item: vscode.StatusBarItem;
    private readonly disposables: vscode.Disposable[] = [];
    private timer: NodeJS.Timeout | undefined;
    private retried: string | undefined;

    constructor(
        private readonly client: () => LanguageClient | undefined,
        private readonly selector: vscode.DocumentSelector,
    ) {
        this.item = vscode.window.createStatusBarItem('tact.status', vscode.StatusBarAlignment.Right, 100);
        this.item.name = 'tact';
        this.item.command = 'tact.showOutput';
        this.disposables.push(
            this.item,
            vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
            vscode.languages.onDidChangeDiagnostics((event) => {
                const active = vscode.window.activeTextEditor?.document.uri.toString();
                if (active && event.uris.some((uri) => uri.toString() === active)) {
                    this.refresh();
                }
            }),
        );
    }

    /** Asks the server again, shortly (several triggers often come at once). */
    refresh(delay = 100): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(), delay);
    }

    private async update(): Promise<void> {
        const document = vscode.window.activeTextEditor?.document;
        const client = this.client();
        if (!document || !client?.isRunning() || vscode.languages.match(this.selector, document) === 0) {
            this.item.hide();
            return;
        }
        let info: DocumentInfo | null = null;
        try {
            info = await client.sendRequest(ExecuteCommandRequest.type, {
                command: 'tact.documentInfo',
                arguments: [{ uri: client.code2ProtocolConverter.asUri(document.uri) }],
            });
        } catch {
            info = null;
        }
        if (vscode.window.activeTextEditor?.document !== document) {
            return; // the user moved on; that editor's refresh is under way
        }
        if (!info) {
            this.item.hide();
            // The server may not have the document yet: ask once more.
            const key = document.uri.toString();
            if (this.retried !== key) {
                this.retried = key;
                this.refresh(1000);
            }
            return;
        }
        this.retried = undefined;
        const findings = info.findings === 1 ? '1 finding' : `${info.findings} findings`;
        this.item.text = `tact: ${info.language} · ${info.kind}`;
        this.item.tooltip =
            `tact reads this document as a ${info.kind} in ${LANGUAGES[info.language] ?? info.language}: ` +
            `${findings}. Click to show tact's output.`;
        this.item.show();
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.disposables.forEach((d) => d.dispose());
    }
}
