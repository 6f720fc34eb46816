import type { LlmConfig, LlmPrice } from '../../config.js';

export type TokenUsage = { inputTokens: number; outputTokens: number };

/** The configured price of a model: an exact `LLM_PRICES` entry, else the default prices. */
export const priceFor = (config: Pick<LlmConfig, 'prices' | 'defaultPrice'>, model: string): LlmPrice =>
  config.prices[model] ?? config.defaultPrice;

/** USD for one call, rounded to a millionth of a cent so sums stay exact enough for reports. */
export const costFor = (price: LlmPrice, usage: TokenUsage): number => {
  const cost =
    (usage.inputTokens / 1000) * price.inputPer1k + (usage.outputTokens / 1000) * price.outputPer1k;
  return Math.round(cost * 1e8) / 1e8;
};
