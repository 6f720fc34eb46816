import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bearerSecret } from './auth.js';
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

const sameSecret = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * /health (the process answers), /ready (its dependencies answer) and /metrics (Prometheus, only with
 * `Authorization: Bearer METRICS_TOKEN`: queue depths and delivery counts say how busy the service and its people
 * are; without a token configured it is off).
 */
export const healthRoutes = (
  checks: ReadinessCheck[],
  metrics: Metrics,
  metricsToken: string | undefined,
  timeoutMs = 1_500,
) => {
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
    if (!metricsToken) {
      return c.json(
        { error: { code: 'NOT_FOUND', message: 'Metrics are off: set METRICS_TOKEN to turn them on.' } },
        404,
      );
    }
    const given = bearerSecret(c.req.header('authorization'));
    if (!given || !sameSecret(given, metricsToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.json(
        { error: { code: 'UNAUTHENTICATED', message: 'Send the metrics token: Authorization: Bearer …' } },
        401,
      );
    }
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  return app;
};
