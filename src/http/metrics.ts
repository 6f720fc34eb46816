import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process; a fresh registry per app keeps tests independent. */
export const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'focusforge_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const httpErrors = new Counter({
    name: 'focusforge_http_server_errors_total',
    help: 'HTTP responses with status 500 or above',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, httpErrors };
};

export type Metrics = ReturnType<typeof createMetrics>;
