import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { App } from '../../src/http/app.js';

/** Debian's Chromium, headless, with nothing that phones home. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });

export type Listening = { url: string; close: () => Promise<void> };

const closeServer = (server: Server | ServerType) =>
  new Promise<void>((resolve) => {
    // Open SSE streams would keep close() waiting forever.
    (server as Server).closeAllConnections?.();
    server.close(() => resolve());
  });

/** Serves the real app on a free loopback port, like `focusforge serve` does. */
export const listen = async (app: App): Promise<Listening> => {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
};

/** A third-party site: one static page (e.g. embedding the widget from another origin). */
export const serveHostPage = async (html: string): Promise<Listening> => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // `localhost` rather than 127.0.0.1: a different origin from the app even if the ports were equal.
  return { url: `http://localhost:${port}`, close: () => closeServer(server) };
};

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
};

/** Runs axe-core in the page; returns the serious and critical violations. */
export const seriousAxeViolations = async (page: Page): Promise<AxeViolation[]> => {
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = await page.evaluate(async () => {
    // Runs in the page; the test program has no DOM types (they stay in src/widget), hence the local shape.
    const page = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};
