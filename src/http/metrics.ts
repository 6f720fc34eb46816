import { collectDefaultMetrics, Counter, Histogram, Registry, type Metric } from 'prom-client';
import type { LlmReading } from '../agents/index.js';
import type { OpsReading } from '../jobs/index.js';

type Sample = { labels?: Record<string, string | number>; value: number; metricName?: string };

/**
 * A metric whose values are read at scrape time from what every process wrote to Redis (see jobs/ops-counters.ts),
 * rather than from this process's memory: the app serves /metrics, the workers do the delivering.
 */
const sharedMetric = (
  name: string,
  help: string,
  type: 'counter' | 'gauge' | 'histogram',
  samples: () => Promise<Sample[]>,
) =>
  ({
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: await samples() }),
  }) as unknown as Metric;

/** One Redis read per scrape, shared by the metrics built from it. */
const readOnce = <T>(read: () => Promise<T>) => {
  let current: { at: number; reading: Promise<T> } | null = null;
  return () => {
    if (!current || Date.now() - current.at > 1_000) current = { at: Date.now(), reading: read() };
    return current.reading;
  };
};

const registerOps = (registry: Registry, read: () => Promise<OpsReading>) => {
  const reading = readOnce(read);
  registry.registerMetric(
    sharedMetric(
      'focusforge_deliveries',
      'Messages handed to a channel, by channel and outcome',
      'counter',
      async () =>
        Object.entries((await reading()).deliveries).map(([key, value]) => {
          const [channel, outcome] = key.split(':');
          return { labels: { channel: channel ?? '', outcome: outcome ?? '' }, value };
        }),
    ),
  );
  const lateness = 'focusforge_reminder_lateness_seconds';
  registry.registerMetric(
    sharedMetric(
      lateness,
      'How late reminders went out against their planned moment',
      'histogram',
      async () => {
        const { buckets, sum, count } = (await reading()).lateness;
        return [
          ...buckets.map(([le, value]) => ({ labels: { le }, value, metricName: `${lateness}_bucket` })),
          { value: sum, metricName: `${lateness}_sum` },
          { value: count, metricName: `${lateness}_count` },
        ];
      },
    ),
  );
  registry.registerMetric(
    sharedMetric('focusforge_queue_jobs', 'Background jobs by queue and state', 'gauge', async () =>
      Object.entries((await reading()).queues).flatMap(([queue, states]) =>
        Object.entries(states).map(([state, value]) => ({ labels: { queue, state }, value })),
      ),
    ),
  );
};

/** `a:b` hash fields as two labels, e.g. `planner:ok` → {purpose: planner, outcome: ok}. */
const pairs = (counts: Record<string, number>, first: string, second: string): Sample[] =>
  Object.entries(counts).map(([key, value]) => {
    const at = key.lastIndexOf(':');
    return { labels: { [first]: key.slice(0, at), [second]: key.slice(at + 1) }, value };
  });

const registerLlm = (registry: Registry, read: () => Promise<LlmReading>) => {
  const reading = readOnce(read);
  const metrics: [string, string, (r: LlmReading) => Sample[]][] = [
    ['focusforge_llm_calls', 'LLM calls by purpose and outcome', (r) => pairs(r.calls, 'purpose', 'outcome')],
    [
      'focusforge_llm_errors',
      'Failed LLM calls by purpose and kind (timeout, http_4xx, http_5xx, parse, network)',
      (r) => pairs(r.errors, 'purpose', 'kind'),
    ],
    [
      'focusforge_llm_tokens',
      'LLM tokens by purpose and type (prompt, completion)',
      (r) => pairs(r.tokens, 'purpose', 'type'),
    ],
    [
      'focusforge_llm_cost_usd',
      'Estimated LLM cost in USD by model (LLM_PRICE_* / LLM_PRICES; 0 for local models)',
      (r) => Object.entries(r.costUsd).map(([model, value]) => ({ labels: { model }, value })),
    ],
  ];
  for (const [name, help, samples] of metrics)
    registry.registerMetric(sharedMetric(name, help, 'counter', async () => samples(await reading())));
};

/**
 * Prometheus metrics: this process's HTTP timings and runtime, plus (with `ops`) the deliveries, reminder
 * lateness and queue depths of the whole deployment, and (with `llm`) its LLM calls, errors, tokens and cost.
 * A fresh registry per app keeps tests independent.
 */
export const createMetrics = (
  ops?: { read: () => Promise<OpsReading> },
  llm?: { read: () => Promise<LlmReading> },
) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (ops) registerOps(registry, () => ops.read());
  if (llm) registerLlm(registry, () => llm.read());
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
