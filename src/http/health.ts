import { Hono } from 'hono';
import type { AppEnv } from './context.js';
import type { Metrics } from './metrics.js';

/** A dependency the service needs to do useful work; `check` rejects or resolves false when it is down. */
export type ReadinessCheck = { name: string; check: () => Promise<boolean> };

const withTimeout = async (promise: Promise<boolean>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** /health (the process answers), /ready (its dependencies answer) and /metrics (Prometheus). */
export const healthRoutes = (checks: ReadinessCheck[], metrics: Metrics, timeoutMs = 1_500) => {
  const app = new Hono<AppEnv>();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => [name, await withTimeout(check(), timeoutMs)] as const),
    );
    const ok = results.every(([, up]) => up);
    const body = {
      status: ok ? 'ready' : 'unavailable',
      checks: Object.fromEntries(results.map(([n, up]) => [n, up ? 'up' : 'down'])),
    };
    return c.json(body, ok ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  return app;
};
