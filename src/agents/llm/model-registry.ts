import type { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig, LlmPurpose } from '../../config.js';
import { createChatModel } from './chat-model.js';

export type ModelRegistry = {
  /** The model a purpose uses: its own per-chain model, or the default one. */
  modelFor: (purpose: LlmPurpose) => string;
  /** One client per model name, made on first use and shared by every call after. */
  clientFor: (model: string) => ChatOpenAI;
};

export const createModelRegistry = (config: LlmConfig): ModelRegistry => {
  const models = new Map<string, ChatOpenAI>();
  return {
    modelFor: (purpose) => config.models[purpose] ?? config.model,
    clientFor: (model) => {
      let client = models.get(model);
      if (!client) {
        client = createChatModel(config, model);
        models.set(model, client);
      }
      return client;
    },
  };
};
