// End-to-end test of the tact extension in a real VS Code: code-server with
// the packaged .vsix installed, driven through Debian's Chromium by
// playwright-core. Called by run.sh, which builds the .vsix, makes the temp
// dir and bounds the time; everything it needs comes in through the
// environment (see `need` below). Exit 0 = passed, 1 = failed.
//
// Steps: no tact on PATH and no tact.path → the "cannot start" notification;
// set tact.path in the (remote) settings → the extension restarts the server →
// squiggle + Problems entry for "deployed" (rule jargon, line 3 column 4), the
// status bar item "tact: en · mail" and the hover; Quick Fix (Ctrl+.) → "released" → text fixed, finding gone; drop tact.path
// and put tact on PATH → the server is found there; explain command →
// Markdown preview; tact.rules jargon off → the new finding goes.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';

const need = (name) => {
    const value = process.env[name];
    if (!value) {
        throw new Error(`e2e.mjs: ${name} is not set (run test/run.sh)`);
    }
    return value;
};
const TACT_BIN = need('TACT_BIN');
const CODE_SERVER = need('CODE_SERVER');
const CHROMIUM = need('CHROMIUM');
const VSIX = need('VSIX');
const FIXTURE = need('FIXTURE');
const WORK = need('WORK'); // fresh temp dir, removed by run.sh on success
const SHOTS = process.env.SCREENSHOT_DIR || WORK;
const DEADLINE = Date.now() + Number(process.env.E2E_SECONDS || 150) * 1000;

const FIXED = 'We released the new booking page';
const dirs = {
    home: path.join(WORK, 'home'),
    userData: path.join(WORK, 'user-data'),
    extensions: path.join(WORK, 'extensions'),
    workspace: path.join(WORK, 'workspace'),
    pathBin: path.join(WORK, 'path-bin'), // on code-server's PATH; empty until the last step
    browser: path.join(WORK, 'chromium-profile'),
    browserHome: path.join(WORK, 'chromium-home'),
};
const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
// The "Remote" settings of code-server. The test changes settings here while
// code-server runs: it notices edits to this file on disk, but not to the
// user settings file (which the browser side keeps).
const machineSettingsFile = path.join(dirs.userData, 'Machine', 'settings.json');
const codeServerLog = path.join(WORK, 'code-server.log');
const started = Date.now();
let codeServer; // the child process, in its own process group
let context; // the browser
let page;
let step = 'starting';

const log = (message) => console.log(`[vscode e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

class Failure extends Error {}
const fail = (message) => {
    throw new Failure(message);
};

// ---------------------------------------------------------------- set-up

function writeMachineSettings(settings) {
    fs.mkdirSync(path.dirname(machineSettingsFile), { recursive: true });
    fs.writeFileSync(machineSettingsFile, JSON.stringify(settings, null, 2));
}

function writeSettings(extra) {
    const settings = {
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'git.enabled': false,
        'editor.minimap.enabled': false,
        'editor.hover.delay': 200,
        'window.menuBarVisibility': 'compact',
        ...extra,
    };
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
}

/** code-server's environment: its own HOME/XDG dirs, and a PATH without tact. */
function codeServerEnv() {
    const env = { ...process.env };
    for (const key of Object.keys(env)) {
        if (/^(VSCODE_|ELECTRON_|CODE_SERVER_|npm_)/i.test(key)) {
            delete env[key];
        }
    }
    const systemPath = ['/usr/local/bin', '/usr/bin', '/bin'];
    const nodeDir = path.dirname(process.execPath);
    if (!systemPath.includes(nodeDir)) {
        systemPath.unshift(nodeDir);
    }
    return {
        ...env,
        HOME: dirs.home,
        XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
        XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
        XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
        TMPDIR: path.join(WORK, 'tmp'),
        SHELL: '/bin/bash',
        PATH: [dirs.pathBin, ...systemPath].join(':'),
    };
}

/**
 * The extension host takes its environment from a login shell, so PATH comes
 * from /etc/profile and ~/.profile: put path-bin on it there, as a user puts
 * ~/.cargo/bin on theirs.
 */
function writeProfile() {
    const line = `export PATH="${dirs.pathBin}:$PATH"\n`;
    fs.writeFileSync(path.join(dirs.home, '.profile'), line);
    fs.writeFileSync(path.join(dirs.home, '.bashrc'), line);
}

/** Whether some `tact` is on the PATH already (then the missing-binary step cannot run). */
function tactOnPath(env) {
    const login = spawnSync(env.SHELL, ['-lc', 'command -v tact'], { env, encoding: 'utf8' });
    return login.status === 0 || env.PATH.split(':').some((dir) => fs.existsSync(path.join(dir, 'tact')));
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function codeServerArgs() {
    return [
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
        '--config', path.join(WORK, 'code-server.yaml'),
    ];
}

function installExtension(env) {
    log(`code-server --install-extension ${path.basename(VSIX)}`);
    const result = spawnSync(CODE_SERVER, [...codeServerArgs(), '--install-extension', VSIX], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
    });
    fs.appendFileSync(codeServerLog, `${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
        fail(`code-server --install-extension ${VSIX} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
    }
}

async function startCodeServer(env, port) {
    log(`code-server on 127.0.0.1:${port}`);
    const out = fs.openSync(codeServerLog, 'a');
    codeServer = spawn(
        CODE_SERVER,
        [
            ...codeServerArgs(),
            '--bind-addr', `127.0.0.1:${port}`,
            '--auth', 'none',
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
            '--ignore-last-opened',
            dirs.workspace,
        ],
        { env, stdio: ['ignore', out, out], detached: true },
    );
    fs.writeFileSync(path.join(WORK, 'code-server.pid'), String(codeServer.pid));
    codeServer.on('exit', (code, signal) => log(`code-server exited (${signal ?? code})`));
    while (Date.now() < DEADLINE) {
        if (codeServer.exitCode !== null) {
            fail(`code-server exited at start (exit ${codeServer.exitCode}); see ${codeServerLog}`);
        }
        try {
            const response = await fetch(`http://127.0.0.1:${port}/healthz`);
            if (response.ok) {
                return;
            }
        } catch {
            // not listening yet
        }
        await sleep(200);
    }
    fail('code-server did not answer on /healthz');
}

function stopCodeServer() {
    if (codeServer && codeServer.exitCode === null && codeServer.signalCode === null) {
        try {
            process.kill(-codeServer.pid, 'SIGTERM'); // its group: the server, extension host and tact
        } catch {
            // already gone
        }
    }
}

// ---------------------------------------------------------------- UI helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const left = (ms) => Math.max(1000, Math.min(ms, DEADLINE - Date.now()));

/** Polls `probe` until it returns a truthy value; fails with `expected` and what `seen` returns. */
async function waitFor(expected, probe, { timeout = 30_000, seen } = {}) {
    const until = Date.now() + left(timeout);
    while (Date.now() < until) {
        const value = await probe().catch(() => undefined);
        if (value) {
            return value;
        }
        await sleep(250);
    }
    const saw = seen ? await seen().catch((error) => `(${error.message})`) : 'nothing';
    fail(`expected ${expected}; saw: ${JSON.stringify(saw)}`);
}

const text = async (locator) => (await locator.allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
const editorText = () => text(editor().locator('.view-lines'));
const problemsText = () => text(page.locator('.markers-panel'));
const statusBarText = () => text(page.locator('.statusbar-item'));

async function runCommand(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: left(10_000) });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: left(10_000) });
    await input.press('Enter');
}

async function shot(name) {
    const file = path.join(SHOTS, name);
    await page.screenshot({ path: file });
    log(`screenshot ${file}`);
}

// ---------------------------------------------------------------- the test

async function main() {
    for (const dir of Object.values(dirs)) {
        fs.mkdirSync(dir, { recursive: true });
    }
    fs.mkdirSync(path.join(WORK, 'tmp'), { recursive: true });
    fs.copyFileSync(FIXTURE, path.join(dirs.workspace, 'mail.md'));
    writeSettings({});
    writeProfile();
    const env = codeServerEnv();
    const checkMissing = !tactOnPath(env);

    installExtension(env);
    const port = await freePort();
    await startCodeServer(env, port);

    step = 'browser';
    context = await chromium.launchPersistentContext(dirs.browser, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
        viewport: { width: 1280, height: 720 },
        // Chromium and GTK write crash-report and dconf files under HOME.
        env: {
            ...process.env,
            HOME: dirs.browserHome,
            XDG_CONFIG_HOME: path.join(dirs.browserHome, '.config'),
            XDG_CACHE_HOME: path.join(dirs.browserHome, '.cache'),
        },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: left(60_000) });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mail.md' }).first()
        .waitFor({ timeout: left(30_000) });
    log('workbench loaded');

    step = 'open mail.md';
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mail.md' }).first().dblclick();
    await waitFor('mail.md open in the editor', async () => (await editorText()).includes('We deployed'), {
        seen: editorText,
    });

    if (checkMissing) {
        step = 'no tact anywhere';
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'cannot start the language server' });
        await waitFor('the notification "tact: cannot start the language server …"', async () => toast.isVisible(), {
            seen: () => text(page.locator('.notifications-toasts')),
        });
        const toastText = await text(toast);
        if (!/cargo install --path \./.test(toastText) || !/Open Settings/.test(toastText)) {
            fail(`the notification should give install instructions and an "Open Settings" button; saw: ${toastText}`);
        }
        log('no tact: error notification with install instructions and "Open Settings"');
        await toast.locator('.codicon-notifications-clear').first().click().catch(() => undefined);
    } else {
        log('a tact is on the system PATH: skipping the missing-binary check');
    }

    step = 'set tact.path';
    writeMachineSettings({ 'tact.path': TACT_BIN });
    log(`remote settings: tact.path = ${TACT_BIN}`);

    step = 'diagnostic';
    const squiggle = editor().locator('.squiggly-warning').first();
    await waitFor('a .squiggly-warning decoration in mail.md', () => squiggle.isVisible(), {
        timeout: 30_000,
        seen: async () => `${await editor().locator('[class*=squiggly]').count()} squiggles; text: ${await editorText()}`,
    });
    await page.keyboard.press('Control+Shift+M');
    const finding = page.locator('.markers-panel .monaco-list-row', { hasText: 'deployed' }).first();
    await waitFor('a Problems entry for "deployed" from tact', () => finding.isVisible(), { seen: problemsText });
    const row = (await text(finding)).replace(/\s+/g, ' ');
    for (const part of ['“deployed” is jargon', 'tact', 'jargon', '[Ln 3, Col 4]']) {
        if (!row.includes(part)) {
            fail(`the Problems entry should contain "${part}"; saw: ${row}`);
        }
    }
    log(`Problems: ${row}`);
    // The squiggle covers "deployed" (line 3, columns 4-11): compare with the text's own position.
    const word = await squiggleWord();
    if (word !== 'deployed') {
        fail(`the squiggle should cover "deployed"; it covers "${word}"`);
    }
    log('squiggle under "deployed"');
    await shot('problems.png');

    step = 'status bar';
    await waitFor('the status bar item "tact: en · mail"', async () => /tact: en · mail/.test(await statusBarText()), {
        seen: statusBarText,
    });
    log('status bar: tact: en · mail');

    step = 'hover';
    await editor().click(); // focus the editor, not the Problems panel
    await hoverOver(squiggle);
    const hover = page.locator('.monaco-hover:visible', { hasText: 'jargon' }).first();
    await waitFor('a hover with the jargon docs', () => hover.isVisible(), {
        seen: () => text(page.locator('.monaco-hover')),
    });
    log('hover shows the rule docs');
    await sleep(400); // let the hover finish fading in
    await shot('hover.png');
    await page.keyboard.press('Escape');

    step = 'quick fix';
    await goTo(3, 5);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    const released = menu.locator('.monaco-list-row', { hasText: /^\s*released\s*$/ }).first();
    await waitFor('a Quick Fix menu with "released"', () => released.isVisible(), {
        seen: () => text(menu),
    });
    const menuText = (await text(menu)).replace(/\s+/g, ' ');
    log(`Quick Fix menu: ${menuText}`);
    if (!menuText.includes('put live')) {
        fail(`the Quick Fix menu should also offer "put live"; saw: ${menuText}`);
    }
    await shot('quick-fix.png');
    // Choose with the keyboard, as a user would (the menu ignores synthetic clicks).
    const focused = () => text(menu.locator('.monaco-list-row.focused'));
    for (let i = 0; i < 8 && (await focused()).trim() !== 'released'; i++) {
        await page.keyboard.press('ArrowDown');
    }
    if ((await focused()).trim() !== 'released') {
        fail(`could not select "released" in the Quick Fix menu; focused: ${await focused()}`);
    }
    await page.keyboard.press('Enter');
    await waitFor(`the editor to read "${FIXED}"`, async () => (await editorText()).includes(FIXED), {
        seen: editorText,
    });
    log(`editor: ${FIXED}`);
    await waitFor('no tact entry in the Problems panel', async () => {
        const problems = await problemsText();
        return !/deployed|jargon|tact\(/.test(problems) && problems;
    }, { seen: problemsText });
    await waitFor('no squiggle left', async () => (await editor().locator('.squiggly-warning').count()) === 0);
    log('Problems: no tact finding left; no squiggle');

    step = 'PATH fallback';
    fs.symlinkSync(path.resolve(TACT_BIN), path.join(dirs.pathBin, 'tact'));
    writeMachineSettings({});
    log("remote settings: tact.path removed; tact put on code-server's PATH");
    await goTo(1, 1);
    await page.keyboard.type('We deployed it. ');
    await waitFor('a squiggle again, from the tact found on PATH', () => squiggle.isVisible(), {
        seen: editorText,
    });
    await runCommand('tact: Show output');
    await waitFor('"found through PATH" in the tact output', async () =>
        /starting .*found through PATH/.test(await text(page.locator('.panel .view-lines'))), {
        seen: () => text(page.locator('.panel .view-lines')),
    });
    log('tact.path removed: the server restarted with the tact on PATH');

    step = 'explain';
    await goTo(1, 5);
    await runCommand('tact: Explain the rule at the cursor');
    const preview = page.locator('.tab', { hasText: 'tact explanation' }).first();
    await waitFor('a "Preview tact explanation.md" tab', () => preview.isVisible(), {
        seen: () => text(page.locator('.tabs-container')),
    });
    // The preview renders in a webview: nested iframes of the page.
    const rendered = async () => {
        for (const frame of page.frames()) {
            const body = await frame.locator('body').innerText({ timeout: 1000 }).catch(() => '');
            if (body.includes('Why it matters')) {
                return true;
            }
        }
        return false;
    };
    await waitFor('the preview to show the jargon docs ("Why it matters")', rendered, {
        seen: async () => (await Promise.all(page.frames().map((f) => f.url()))).join(', '),
    });
    log('explain: Markdown preview of the rule docs');
    await shot('explain.png');

    step = 'settings';
    writeMachineSettings({ 'tact.rules': { jargon: 'off' } });
    log('remote settings: tact.rules = { jargon: "off" }');
    await waitFor('the squiggle to go once jargon is off', async () =>
        (await page.locator('.monaco-editor .squiggly-warning').count()) === 0);
    log('the server applied the changed settings: no squiggle');
}

/** Moves the cursor to a 1-based line and column with Go to Line (Ctrl+G). */
async function goTo(line, column) {
    await editor().click();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
}

async function hoverOver(locator) {
    const box = await locator.boundingBox();
    if (!box) {
        fail('the squiggle has no position on screen');
    }
    await page.mouse.move(box.x + box.width / 2 - 3, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

/** The characters of line 3 under the squiggle's horizontal extent. */
async function squiggleWord() {
    return page.evaluate(() => {
        const root = document.querySelector('.editor-group-container.active .monaco-editor');
        const squiggle = root.querySelector('.squiggly-warning').getBoundingClientRect();
        let out = '';
        const walker = document.createTreeWalker(root.querySelector('.view-lines'), NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const r = range.getBoundingClientRect();
                const midX = r.left + r.width / 2;
                const midY = r.top + r.height / 2;
                if (midX > squiggle.left && midX < squiggle.right && midY > squiggle.top - 4 && midY < squiggle.bottom + 4) {
                    out += node.data[i];
                }
            }
        }
        return out;
    });
}

async function onFailure(error) {
    console.error(`\nFAIL (vscode, step "${step}"): ${error instanceof Failure ? error.message : error.stack}`);
    if (page) {
        const file = path.join(WORK, 'failure.png');
        await page.screenshot({ path: file }).catch(() => undefined);
        console.error(`screenshot: ${file}`);
    }
    console.error(`code-server log: ${codeServerLog}`);
    for (const file of findFiles(path.join(dirs.userData, 'logs'), /tact\.log$|exthost\.log$/)) {
        console.error(`--- ${file}\n${fs.readFileSync(file, 'utf8').slice(-4000)}`);
    }
}

function findFiles(dir, pattern) {
    const out = [];
    if (!fs.existsSync(dir)) {
        return out;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            out.push(...findFiles(full, pattern));
        } else if (pattern.test(entry.name)) {
            out.push(full);
        }
    }
    return out;
}

async function shutdown() {
    await context?.close().catch(() => undefined);
    stopCodeServer();
}

process.on('SIGTERM', () => {
    console.error(`\nFAIL (vscode): timed out at step "${step}"`);
    stopCodeServer();
    process.exit(1);
});

let status = 0;
try {
    await main();
    log('PASS');
} catch (error) {
    status = 1;
    await onFailure(error);
} finally {
    await shutdown();
}
process.exit(status);
