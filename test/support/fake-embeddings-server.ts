import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to the next request, in order; after the script runs out it answers normally. */
export type EmbeddingsStep = { status: number; body?: unknown } | { delayMs: number };

export type EmbeddingsRequest = { authorization: string | undefined; body: Record<string, unknown> };

export type FakeEmbeddingsServer = {
  /** Base URL including `/v1`, as OpenAI-compatible clients expect. */
  url: string;
  requests: EmbeddingsRequest[];
  script: (...steps: EmbeddingsStep[]) => void;
  close: () => Promise<void>;
};

/** A stable pseudo-embedding: the same text always gives the same vector; different texts differ. */
export const fakeVector = (text: string, dimensions: number): number[] => {
  const out: number[] = [];
  for (let i = 0; out.length < dimensions; i++) {
    const digest = createHash('sha256').update(`${i}:${text}`).digest();
    for (let j = 0; j + 4 <= digest.length && out.length < dimensions; j += 4)
      out.push(digest.readInt32LE(j) / 2 ** 31);
  }
  return out;
};

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
};

/**
 * A real local HTTP server speaking just `POST /v1/embeddings` of the OpenAI API, with float or base64
 * encodings, `dimensions`, scripted failures and delays, and a record of every request.
 */
export const startFakeEmbeddingsServer = async ({
  defaultDimensions = 24,
} = {}): Promise<FakeEmbeddingsServer> => {
  const requests: EmbeddingsRequest[] = [];
  const steps: EmbeddingsStep[] = [];

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings')
        return reply(res, 404, { error: { message: 'not found' } });
      const body = await readJson(req);
      requests.push({ authorization: req.headers.authorization, body });
      const step = steps.shift();
      if (step && 'delayMs' in step) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      if (step && 'status' in step)
        return reply(res, step.status, step.body ?? { error: { message: `scripted ${step.status}` } });
      const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const dimensions = typeof body.dimensions === 'number' ? body.dimensions : defaultDimensions;
      const data = inputs.map((text, index) => {
        const vector = fakeVector(text, dimensions);
        const embedding =
          body.encoding_format === 'base64'
            ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
            : vector;
        return { object: 'embedding', index, embedding };
      });
      reply(res, 200, {
        object: 'list',
        model: body.model,
        data,
        usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
      });
    })().catch((error: unknown) => reply(res, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...next) => steps.push(...next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
