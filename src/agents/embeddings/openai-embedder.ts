import { OpenAIEmbeddings } from '@langchain/openai';
import { isUsableVector, type Embedder } from '../../memory/index.js';
import { AppError } from '../../shared/index.js';

export type OpenAiEmbedderOptions = {
  /** Any OpenAI-compatible server: OpenAI, Ollama, vLLM, LM Studio, OpenRouter... (e.g. http://localhost:11434/v1). */
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  /** Sent as `dimensions` only when set: text-embedding-3 models shorten to it, many other servers reject it. */
  dimensions?: number | undefined;
  timeoutMs: number;
  maxRetries: number;
  batchSize?: number;
};

/** Embeddings from an OpenAI-compatible `/embeddings` endpoint, with a timeout per attempt and bounded retries. */
export const createOpenAiEmbedder = (options: OpenAiEmbedderOptions): Embedder => {
  const client = new OpenAIEmbeddings({
    model: options.model,
    // Local servers (Ollama, vLLM) want no key, but the OpenAI client refuses to start without one.
    apiKey: options.apiKey ?? 'none',
    ...(options.dimensions ? { dimensions: options.dimensions } : {}),
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    batchSize: options.batchSize ?? 128,
    // Plain floats: the client's default (base64) is not understood by every compatible server.
    encodingFormat: 'float',
    configuration: { baseURL: options.baseUrl },
  });
  let dimensions = options.dimensions;

  const checked = (vectors: number[][], expected: number): number[][] => {
    if (vectors.length !== expected) throw unusable(`${vectors.length} vectors for ${expected} texts`);
    for (const vector of vectors) {
      if (!isUsableVector(vector, dimensions)) throw unusable('a vector of unexpected size or content');
      dimensions ??= vector.length; // learnt from the first answer when not configured
    }
    return vectors;
  };

  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('UNAVAILABLE', 'The embeddings service is not reachable right now.', {
        cause: error,
      });
    }
  };

  return {
    model: options.model,
    get dimensions() {
      return dimensions;
    },
    embedDocuments: (texts) =>
      texts.length === 0
        ? Promise.resolve([])
        : call(async () => checked(await client.embedDocuments(texts), texts.length)),
    embedQuery: (text) => call(async () => checked([await client.embedQuery(text)], 1)[0]!),
  };
};

const unusable = (what: string) =>
  new AppError('UNAVAILABLE', `The embeddings service answered with ${what}.`, { retryable: false });
