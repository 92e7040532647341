import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject } from 'vitest';
import { createTestDatabase } from '../server/src/test/databases.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHOTS = resolve(ROOT, 'e2e', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ADMIN_PASSWORD = 'mat-khau-quan-tri-e2e';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface E2EEnv {
  engine: 'sqlite' | 'postgres';
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (cookies), optionally at phone width. */
  context(opts?: { phone?: boolean }): Promise<BrowserContext>;
  shot(page: Page, name: string): Promise<void>;
  /** JSON API as a given user, through a logged-in context. */
  databaseEnv: Record<string, string>;
}

function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/src/main.ts'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DANGVU_ADMIN_PASSWORD: ADMIN_PASSWORD, DANGVU_DEMO_MEMBERS: '3000' },
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not start:\n${out}`));
    }, 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Đảng vụ đang chạy')) {
        clearTimeout(timer);
        resolvePromise(child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!out.includes('Đảng vụ đang chạy')) reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/**
 * A real server on a fresh database with the demo province, and a real Chromium, for each
 * engine. Outside CI a missing Chromium or PostgreSQL skips with a warning; under CI it fails.
 */
export function describeBrowser(name: string, body: (env: () => E2EEnv) => void) {
  const haveChromium = existsSync(CHROMIUM);
  if (!haveChromium && process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}: browser tests cannot run under CI`);
  if (!haveChromium) console.warn(`[dangvu] ${CHROMIUM} missing: browser tests skipped (apt-get install -y chromium).`);
  for (const engine of ['sqlite', 'postgres'] as const) {
    describe.skipIf(!haveChromium || (engine === 'postgres' && !inject('pgAdminUrl')))(`${name} [${engine}]`, () => {
      let server: ChildProcess | null = null;
      let drop: (() => Promise<void>) | null = null;
      let env: E2EEnv | null = null;
      beforeAll(async () => {
        const db = await createTestDatabase(engine, 'dangvu_e2e');
        drop = db.drop;
        // Below Linux's ephemeral range (32768+), where outgoing connections take their ports;
        // a port taken anyway while the demo was generated gets another try.
        const pickPort = () => 20000 + Math.floor(Math.random() * 12000);
        let port = pickPort();
        for (let attempt = 1; ; attempt++) {
          try {
            server = await startServer(db.env, port);
            break;
          } catch (e) {
            if (attempt >= 4 || !String(e).includes('EADDRINUSE')) throw e;
            port = pickPort();
          }
        }
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        mkdirSync(SHOTS, { recursive: true });
        env = {
          engine,
          baseUrl: `http://127.0.0.1:${port}`,
          browser,
          databaseEnv: db.env,
          context: (opts) =>
            browser.newContext({
              baseURL: `http://127.0.0.1:${port}`,
              viewport: opts?.phone ? { width: 360, height: 740 } : { width: 1280, height: 860 },
              locale: 'vi-VN',
              timezoneId: 'Asia/Ho_Chi_Minh',
              // The app drops its animations for users who ask for less motion; under a loaded CI
              // machine a click on a list still sliding in landed on the wrong option.
              reducedMotion: 'reduce',
            }),
          shot: async (page, shotName) => {
            await page.screenshot({ path: resolve(SHOTS, `${shotName}-${engine}.png`), fullPage: true });
          },
        };
      });
      // A failed step leaves a picture of every open page, so a failure seen only under CI load can be read afterwards.
      beforeEach((ctx) => {
        ctx.onTestFailed(async () => {
          const pages = env?.browser.contexts().flatMap((c) => c.pages()) ?? [];
          const stem = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
          for (const [i, page] of pages.entries()) await page.screenshot({ path: resolve(SHOTS, `failed-${stem}-${engine}-${i}.png`), fullPage: true }).catch(() => undefined);
        });
      });
      afterAll(async () => {
        await env?.browser.close();
        server?.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 300));
        await drop?.();
      });
      body(() => {
        if (!env) throw new Error('browser environment not ready');
        return env;
      });
    });
  }
}

export async function loginAs(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Calls the API inside a logged-in page, with the CSRF header the app would send. */
export async function apiIn<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('dangvu_csrf='))?.slice(12) ?? '');
      const res = await fetch(`/api/v1${p}`, {
        method: m as string,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, path, body] as const,
  ) as Promise<{ status: number; json: T }>;
}

/** An organization as `GET /orgs/tree` returns it, as the journeys use it. */
export interface TreeNode {
  orgId: string;
  name: string;
  kind: string;
  parentId: string | null;
  memberCount: number;
}

/** True when the page does not scroll sideways (the 360 px phone checks). */
export const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
/** The text of the main area, for polls that wait for a screen to show something. */
export const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/**
 * The dropdown of one antd Select or TreeSelect, found through its input's aria-controls:
 * another select's dropdown may still be closing with the same texts (seen under load).
 */
async function dropdownOf(page: Page, input: Locator): Promise<Locator> {
  const list = await input.getAttribute('aria-controls');
  return list ? page.locator(`.ant-select-dropdown:has([id="${list}"])`) : page.locator('.ant-select-dropdown:visible');
}

/**
 * Picks an option of a Select by its text, as a user would: opens it, clicks the option, and
 * looks that the select now shows it (trying again, as a user would, if a slow machine lost the click).
 */
export async function chooseOption(page: Page, input: Locator, option: string | RegExp) {
  // The shown value covers the search input; the select around it takes the click.
  const select = input.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const shown = select.locator('.ant-select-selection-item').first();
  const matches = (text: string | null) => (typeof option === 'string' ? (text ?? '').includes(option) : option.test(text ?? ''));
  for (let attempt = 1; ; attempt++) {
    if (!(await (await dropdownOf(page, input)).isVisible())) await select.click();
    await pickOpened(page, input, option);
    if ((await shown.count()) && matches(await shown.textContent())) return;
    if (attempt === 3) throw new Error(`the select did not take "${String(option)}"`);
  }
}

/** Picks an option from a Select's dropdown already open (after typing into its search). */
export async function pickOpened(page: Page, input: Locator, option: string | RegExp) {
  const dropdown = await dropdownOf(page, input);
  const item = dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await item.waitFor({ timeout: 15_000 });
  await item.click();
  await dropdown.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Picks an organization in a tree select by typing part of its name. */
export async function chooseOrg(page: Page, input: Locator, name: string) {
  await input.click();
  await input.fill(name);
  // A tree select's list has no id to find it by. It stays open after the pick, until the next click elsewhere.
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: name }).first().click();
}

/** Opens each screen on a phone page, checks it does not scroll sideways, and keeps its screenshot. */
export async function phoneScreens(env: E2EEnv, page: Page, screens: readonly (readonly [path: string, shot: string])[]) {
  for (const [path, name] of screens) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(await noHorizontalScroll(page), path).toBe(true);
    await env.shot(page, name);
  }
}
