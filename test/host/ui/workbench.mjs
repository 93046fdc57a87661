// The UI driver handed to every scenario: one browser page showing code-server's workbench, plus the
// step bookkeeping that turns each step into one counted result and one screenshot in artifacts/host/.
// Selectors are VS Code's own DOM ids/classes (1.139); keep them here so a host upgrade is one file.
import path from 'node:path';

const STATUS_LANGUAGE = '#status\\.editor\\.mode';
/**
 * How long a UI wait may take before it fails. Generous because a wait only lasts this long when
 * something is broken, while a loaded 2-core CI machine can take 25 s to bring up an extension host.
 */
export const WAIT_MS = Number(process.env.VOD_TIMELINE_HOST_UI_TIMEOUT || 60) * 1000;

export class Workbench {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ session: string, artifacts: string, folder: string, userDataDir: string, log: (line: string) => void }} options
   */
  constructor(page, { session, artifacts, folder, userDataDir, log }) {
    this.page = page;
    /** "trusted" or "untrusted": which code-server this page talks to; prefixes the screenshots. */
    this.session = session;
    this.artifacts = artifacts;
    /** Absolute path of this session's workspace folder (a temp copy of test/host/workspace). */
    this.folder = folder;
    /**
     * The code-server's --user-data-dir (User/globalStorage/PUBLISHER.NAME/ is the extension's
     * globalStorageUri), for scenarios that seed state before they look at it.
     */
    this.userDataDir = userDataDir;
    this.log = log;
    this.passed = 0;
    this.failed = 0;
    this.scenario = 'session';
    this.shots = 0;
    this.t0 = Date.now();
    /** Text no screenshot may show (test secrets): checked on the page's text at every screenshot. */
    this.forbidden = [];
  }

  /** Loads the workbench at `url` and waits until the status bar (the last part to render) is there. */
  async open(url) {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 2 * WAIT_MS });
  }

  /**
   * One counted check: runs `fn`, screenshots the result, and rethrows a failure so the scenario stops
   * at its first broken step (later steps usually depend on it).
   */
  async step(name, fn) {
    const t = Date.now();
    try {
      await fn();
      this.passed++;
      const shot = await this.screenshot(name);
      this.log(`  ok   ${this.scenario} > ${name} (${Date.now() - t} ms) ${shot}`);
    } catch (err) {
      this.failed++;
      const shot = await this.screenshot(`${name}-FAILED`).catch((e) => plain(e));
      // Playwright's call log says why an action waited (an element that intercepts pointer events, one
      // that is not stable): keep enough of it to tell from a CI log alone.
      this.log(`  FAIL ${this.scenario} > ${name} (${Date.now() - t} ms) ${shot}\n       ${plain(err).split('\n').filter((l) => l.trim()).slice(0, 16).join('\n       ')}`);
      throw err;
    }
  }

  async screenshot(name) {
    const file = path.join(
      this.artifacts,
      `ui-${this.session}-${String(++this.shots).padStart(2, '0')}-${slug(this.scenario)}-${slug(name)}.png`,
    );
    await this.page.screenshot({ path: file }).catch(() => {});
    if (this.forbidden.length) {
      // The text of every frame the screenshot shows (the workbench, and the webviews' frames).
      const texts = await Promise.all(this.page.frames().map((f) => f.locator('body').innerText({ timeout: 2000 }).catch(() => '')));
      const leaked = this.forbidden.filter((secret) => texts.some((t) => t.includes(secret)));
      if (leaked.length) throw new Error(`the screenshot ${path.basename(file)} shows a test secret`);
    }
    return path.relative(process.cwd(), file);
  }

  /**
   * F1, type the command's title, wait until it is the focused row, run it. An open palette does not
   * pick up commands registered after it opened (the remote extension host registers its extensions'
   * contributions a few seconds after the workbench shows), so it is reopened until the command is there.
   */
  async runCommand(title, { timeout = WAIT_MS } = {}) {
    const deadline = Date.now() + timeout;
    const input = this.page.locator('.quick-input-widget input.input').first();
    const row = this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first();
    for (;;) {
      try {
        await this.page.keyboard.press('F1');
        await input.waitFor({ timeout: 10000 });
        await input.fill(`>${title}`, { timeout: 10000 });
        await row.waitFor({ timeout: 5000 });
        break;
      } catch (err) {
        await this.page.keyboard.press('Escape');
        if (Date.now() >= deadline) throw new Error(`command "${title}" not in the palette after ${timeout} ms: ${plain(err).split('\n')[0]}`);
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /** Items currently listed in the open quick pick (command palette, language picker, ...). */
  async quickPickItems() {
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: WAIT_MS });
    return this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
  }

  /** Types into the open quick pick's filter box. */
  async filterQuickPick(text) {
    await this.page.locator('.quick-input-widget input.input').fill(text);
  }

  /**
   * Clicks a context-menu item until the menu closes. A menu can swallow a click that arrives while it
   * is still settling after the right-click that opened it (the item highlights, nothing runs).
   */
  async clickMenuItem(label, { attempts = 4 } = {}) {
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-label', { hasText: label });
    for (let i = 1; ; i++) {
      try {
        // A click can also hang in Playwright's "scrolling into view" while the workbench is busy (seen
        // for 10 s and more on a loaded machine): bounded, then tried again.
        await item.click({ timeout: 8000 });
        await menu.waitFor({ state: 'hidden', timeout: 1500 });
        return;
      } catch (err) {
        if (i >= attempts) throw err;
        // The menu closed (the click landed after all): nothing to click again.
        if (!(await menu.isVisible())) return;
      }
    }
  }

  /**
   * Opens a menu with `open` (a right-click, a "More Actions..." click) and clicks the item `label`.
   * A menu can close again right after it opened, when focus moves late (closing editors hands focus
   * on after a delay) or the view's toolbar re-renders: then it is opened again, up to `attempts` times.
   * A menu that opens without the item fails at once with the items it had, which is what to look at.
   */
  async chooseFromMenu(open, label, { attempts = 4 } = {}) {
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-label', { hasText: label });
    const seen = [];
    for (let i = 1; ; i++) {
      await open();
      try {
        await menu.waitFor({ timeout: 5000 });
        await item.first().waitFor({ timeout: 3000 });
        break;
      } catch (err) {
        const items = (await menu.locator('.action-label').allInnerTexts().catch(() => [])).map((t) => t.trim()).filter(Boolean);
        seen.push(items.length ? items.join(' | ') : '(no menu)');
        await this.escape();
        if (items.length && !items.some((t) => label.test(t))) {
          throw new Error(`the menu has no item ${label}: it has ${items.join(' | ')}`);
        }
        if (i >= attempts) throw new Error(`no item ${label} after ${attempts} attempts; menus seen: ${seen.join('; ')}: ${plain(err).split('\n')[0]}`);
      }
    }
    await this.clickMenuItem(label);
  }

  /**
   * Clicks an activity-bar item (its aria-label starts with `label`), then waits for `shown`, which proves
   * its container opened. A click that cannot land (something over the bar for a moment, the item
   * re-rendered under the pointer) is tried again after Escape and the pointer moved away, and logged.
   */
  async openActivity(label, shown, { attempts = 4, timeout = 10000 } = {}) {
    const item = this.page.locator(`.part.activitybar .action-item a[aria-label^="${label}"], .part.activitybar .action-item[aria-label^="${label}"]`).first();
    const errors = [];
    for (let i = 1; ; i++) {
      try {
        await item.click({ timeout });
        break;
      } catch (err) {
        errors.push(plain(err).split('\n').filter((l) => l.trim()).slice(0, 8).join(' / '));
        if (i >= attempts) throw new Error(`the "${label}" item could not be clicked in ${attempts} attempts: ${errors.join(' | ')}`);
        await this.escape();
        await this.page.mouse.move(1300, 850);
      }
    }
    if (errors.length) this.log(`       (the "${label}" item took ${errors.length + 1} clicks: ${errors.join(' | ')})`);
    // A click that landed opened the container: clicking again would close it.
    await shown.waitFor({ timeout: WAIT_MS });
  }

  async escape(times = 1) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /** Opens a workspace file by double-clicking it in the Explorer (paths below the root: expand folders first). */
  async openFromExplorer(name) {
    await this.runCommand('View: Show Explorer');
    const item = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await item.waitFor({ timeout: WAIT_MS });
    await item.dblclick();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT_MS });
  }

  /** The status bar's language mode entry ("VOD Timeline", "JSON", ...). */
  async waitForLanguageMode(label) {
    await this.page.locator(STATUS_LANGUAGE, { hasText: label }).waitFor({ timeout: WAIT_MS });
    return (await this.page.locator(STATUS_LANGUAGE).innerText()).trim();
  }

  /** Notification toasts do not show in the headless workbench; the notification center lists them. */
  async notifications() {
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ timeout: WAIT_MS });
    return center.locator('.notification-list-item').allInnerTexts();
  }

  /** Waits until the Output panel is open on the channel `name` (the extension's log, for instance). */
  async waitForOutputChannel(name, timeout = WAIT_MS) {
    await this.page.waitForFunction(
      (channel) => [...document.querySelectorAll('.part.panel select.monaco-select-box')]
        .some((s) => s.checkVisibility() && s.options[s.selectedIndex]?.text === channel),
      name,
      { timeout },
    );
  }

  /** Opens the Problems panel and returns its rows' text (markers of every open/known file). */
  async problems() {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ timeout: WAIT_MS });
    return panel.locator('.monaco-list-row').allInnerTexts();
  }

  /**
   * Waits for the Restricted Mode status bar entry. Only in a `trust: false` scenario: the web workbench
   * shows no trust prompt for a new folder, it opens it untrusted straight away.
   */
  async waitForRestrictedMode() {
    await this.page.locator('#status\\.workspaceTrust', { hasText: 'Restricted Mode' }).waitFor({ timeout: WAIT_MS });
  }

  /** Trusts the session's folder through the Workspace Trust editor (leaves Restricted Mode). */
  async trustFolder() {
    await this.runCommand('Workspaces: Manage Workspace Trust');
    await this.page.locator('.workspace-trust-editor').getByRole('button', { name: 'Trust', exact: true }).click({ timeout: WAIT_MS });
    await this.page.locator('#status\\.workspaceTrust').waitFor({ state: 'detached', timeout: WAIT_MS });
    // The trust editor opens as a modal editor over the workbench.
    await this.runCommand('View: Close All Editors');
  }

  /** Closes every editor without saving, so scenarios do not see each other's tabs. */
  async closeAllEditors() {
    const dirty = await this.page.locator('.tabs-container .tab.dirty').count();
    await this.runCommand('View: Close All Editors');
    if (dirty) {
      // Dirty editors make VS Code ask before closing; the dialog is modal and would block the session.
      await this.page.locator('.monaco-dialog-box').getByRole('button', { name: /Don't Save/ }).click({ timeout: WAIT_MS });
    }
    await this.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: WAIT_MS });
  }
}

/** Playwright's messages carry terminal colour codes. */
export function plain(err) {
  return String(err?.message ?? err).replace(/\x1b\[[0-9;]*m/g, '');
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}
