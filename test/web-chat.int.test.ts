import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './support/test-env.js';
import {
  launchChromium,
  listen,
  serveHostPage,
  seriousAxeViolations,
  type Listening,
} from './support/browser.js';

// The widget in real headless Chromium against a real listening server (offline planner, FerretDB, Redis).

let env: TestEnv;
let server: Listening;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  env = await createTestEnv({}, { JOBS_PREFIX: `chatweb${randomBytes(4).toString('hex')}` });
  server = await listen(env.app);
  browser = await launchChromium();
  context = await browser.newContext({
    timezoneId: 'UTC',
    locale: 'en-US',
    viewport: { width: 1200, height: 800 },
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

const launcher = () => page.getByRole('button', { name: /open focusforge chat|close focusforge chat/i });
const messageBox = () => page.getByRole('textbox', { name: 'Message' });
const log = () => page.getByRole('log');
const userIdInPage = async () => {
  const token = await page.evaluate(
    () =>
      Object.entries((globalThis as unknown as { localStorage: Record<string, string> }).localStorage).find(
        ([k]) => k.startsWith('focusforge:token:'),
      )?.[1] ?? '',
  );
  return (
    (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { uid?: string })
      .uid ?? ''
  );
};

describe('the web chat widget in Chromium', () => {
  it('opens from the demo page, streams a reply and creates the task', async () => {
    await page.goto(`${server.url}/`);
    await launcher().click();
    await expect
      .poll(() =>
        messageBox().evaluate(
          (node) => node === (node.getRootNode() as unknown as { activeElement: unknown }).activeElement,
        ),
      )
      .toBe(true);

    const streamed = page.waitForResponse((res) => res.url().endsWith('/chat/messages'));
    await messageBox().fill('remind me to call mom tomorrow at 5pm');
    await messageBox().press('Enter');
    const response = await streamed;
    expect(response.headers()['x-vercel-ai-ui-message-stream']).toBe('v1');
    expect(await response.text()).toMatch(/"type":"text-delta"[\s\S]*data: \[DONE\]/);

    const reply = log().locator('.msg.assistant').last();
    await expect.poll(() => reply.getAttribute('aria-busy')).toBeNull();
    expect((await reply.innerText()).length).toBeGreaterThan(10);
    await expect.poll(() => page.locator('[role="status"]').innerText()).toMatch(/FocusForge: /);

    const userId = await userIdInPage();
    const task = await env.database.db.collection('tasks').findOne({ userId, title: /call mom/i });
    expect(task).not.toBeNull();
  });

  it('completes the task with the Done button and shows the points', async () => {
    await log().getByRole('button', { name: 'Done' }).last().click();
    await expect.poll(() => log().locator('.celebration').count()).toBeGreaterThan(0);
    expect(await log().locator('.celebration').last().innerText()).toMatch(/\+\d+ points/);
    expect(await page.locator('.points').innerText()).toMatch(/\d+ points/);
    const task = await env.database.db
      .collection('tasks')
      .findOne({ userId: await userIdInPage(), title: /call mom/i });
    expect(task?.status).toBe('done');
  });

  it('shows the conversation again after a reload', async () => {
    await page.reload();
    await launcher().click();
    await expect.poll(() => log().locator('.msg.user').count()).toBeGreaterThanOrEqual(2);
    expect(await log().locator('.msg.user').first().innerText()).toMatch(
      /remind me to call mom tomorrow at 5pm/,
    );
    expect(await log().locator('.msg.assistant').count()).toBeGreaterThanOrEqual(2);
  });

  it('re-sends the same message after a dropped connection, and the task is created once', async () => {
    const sent: string[] = [];
    await page.route('**/chat/messages', async (route) => {
      sent.push(route.request().postData() ?? '');
      if (sent.length > 1) return route.continue();
      await route.fetch(); // the server gets the whole turn done; then the connection "drops" before the answer arrives
      return route.abort('connectionreset');
    });
    await messageBox().fill('remind me to water the plants tomorrow at 9am');
    await messageBox().press('Enter');
    const reply = log().locator('.msg.assistant').last();
    await expect.poll(() => sent.length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => reply.getAttribute('aria-busy')).toBeNull();
    await page.unroute('**/chat/messages');
    const ids = sent.map((body) => (JSON.parse(body) as { messageId: string }).messageId);
    expect(ids[1]).toBe(ids[0]);
    expect(await reply.innerText()).toMatch(/water the plants/i);
    expect(
      await env.database.db
        .collection('tasks')
        .countDocuments({ userId: await userIdInPage(), title: /water the plants/i }),
    ).toBe(1);
  });

  it('stops a reply with the stop button', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/chat/messages', async (route) => {
      await held; // an answer that never comes
      await route.abort().catch(() => undefined);
    });
    await messageBox().fill('hello?');
    await messageBox().press('Enter');
    const stop = page.getByRole('button', { name: 'Stop' });
    await stop.click();
    await expect.poll(() => log().locator('.msg.assistant').last().innerText()).toMatch(/Stopped\./);
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    release();
    await page.unroute('**/chat/messages');
  });

  it('shows a reminder delivered while the chat is open', async () => {
    const userId = await userIdInPage();
    await env.inbox.sender.send(
      { userId, name: 'Visitor', address: null },
      {
        kind: 'reminder',
        title: 'Stretch break',
        text: 'Time to stand up for a minute.',
        taskId: null,
        actions: [],
        data: {},
      },
      `web-test-${randomBytes(4).toString('hex')}`,
    );
    await expect
      .poll(() => log().locator('.notice').last().innerText(), { timeout: 10_000 })
      .toMatch(/Stretch break/);
  });

  it('has no serious or critical accessibility violations, and saves a screenshot', async () => {
    expect(await seriousAxeViolations(page)).toEqual([]);
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/web-chat.png' });
  });

  it('closes with Escape and returns focus to the launcher', async () => {
    await messageBox().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#ff-panel').isHidden()).toBe(true);
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    expect(
      await launcher().evaluate(
        (node) => node === (node.getRootNode() as unknown as { activeElement: unknown }).activeElement,
      ),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#ff-panel').isVisible()).toBe(true);
  });

  it('goes full-screen on a small screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 700 } });
    await phone.goto(`${server.url}/`);
    await phone.getByRole('button', { name: /open focusforge chat/i }).click();
    const box = await phone.locator('#ff-panel').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 700 });
    expect(await phone.locator('#ff-panel').getAttribute('aria-modal')).toBe('true');
    await phone.close();
  });

  it('is refused on a site that is not on the allowlist', async () => {
    const site = await serveHostPage(
      `<!doctype html><html lang="en"><head><title>Other site</title></head><body><h1>Other site</h1><script src="${server.url}/widget.js"></script></body></html>`,
    );
    try {
      const other = await browser.newPage();
      await other.goto(site.url);
      await other.getByRole('button', { name: /open focusforge chat/i }).click();
      await expect
        .poll(() =>
          other
            .getByRole('alert')
            .innerText()
            .catch(() => ''),
        )
        .toMatch(/not allowed/);
      await other.close();
    } finally {
      await site.close();
    }
  });
});
