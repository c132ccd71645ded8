// "tact: Explain the rule at the cursor": asks the server (tact.explain) for
// the docs of the rules flagged at the cursor and shows them in a Markdown
// preview of a read-only virtual document (scheme tact-explain, which tact
// itself does not check).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';

const SCHEME = 'tact-explain';

export class Explainer implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly texts = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.toString()) ?? '';
    }

    async explainAtCursor(client: LanguageClient | undefined): Promise<void> {
        const editor = vscode.window.activeTextEditor;
        if (!editor) {
            void vscode.window.showInformationMessage('tact: open a document and put the cursor on a flagged word.');
            return;
        }
        if (!client?.isRunning()) {
            void vscode.window.showWarningMessage('tact: the language server is not running (see tact: Show output).');
            return;
        }
        const params = client.code2ProtocolConverter.asTextDocumentPositionParams(
            editor.document,
            editor.selection.active,
        );
        const result: { markdown?: string } | null = await client.sendRequest(ExecuteCommandRequest.type, {
            command: 'tact.explain',
            arguments: [params],
        });
        if (!result?.markdown) {
            void vscode.window.showInformationMessage('tact: nothing is flagged at the cursor.');
            return;
        }
        await this.show(result.markdown);
    }

    private async show(markdown: string): Promise<void> {
        const uri = vscode.Uri.from({ scheme: SCHEME, path: '/tact explanation.md' });
        this.texts.set(uri.toString(), markdown);
        this.changed.fire(uri);
        try {
            await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
        } catch {
            // The built-in Markdown extension is disabled: show the source.
            const document = await vscode.workspace.openTextDocument(uri);
            await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
        }
    }

    dispose(): void {
        this.registration.dispose();
        this.changed.dispose();
    }
}
