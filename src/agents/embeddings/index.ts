import type { EmbeddingsConfig } from '../../config.js';
import { createOfflineEmbedder, type Embedder } from '../../memory/index.js';
import { createOpenAiEmbedder } from './openai-embedder.js';

export { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';

/** The configured embedder: the OpenAI-compatible endpoint when EMBEDDINGS_BASE_URL is set, else the offline one. */
export const createEmbedder = (config: EmbeddingsConfig): Embedder =>
  config.baseUrl && config.model
    ? createOpenAiEmbedder({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey,
        model: config.model,
        dimensions: config.dimensions,
        timeoutMs: config.timeoutMs,
        maxRetries: config.maxRetries,
      })
    : createOfflineEmbedder(config.dimensions ? { dimensions: config.dimensions } : {});
