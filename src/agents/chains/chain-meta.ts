import { z } from 'zod';
import type { FallbackReason } from '../llm/failures.js';

export const FALLBACK_REASONS = [
  'not_configured',
  'circuit_open',
  'timeout',
  'rate_limited',
  'unavailable',
  'rejected',
  'invalid_output',
] as const satisfies readonly FallbackReason[];

/** How an answer was made; `notice` is shown to the person whenever the built-in rules answered. */
export const ChainMetaSchema = z.object({
  mode: z.enum(['ai', 'basic']),
  basicModeReason: z.enum(FALLBACK_REASONS).nullable(),
  notice: z.string().nullable(),
  model: z.string().nullable(),
});
export type ChainMeta = z.infer<typeof ChainMetaSchema>;

/** Honest, short, blame-free words for each reason the assistant is in basic mode. */
export const basicModeNotice = (reason: FallbackReason): string => {
  switch (reason) {
    case 'not_configured':
      return "I'm in basic mode (no AI model is set up), so this comes from my built-in rules.";
    case 'invalid_output':
      return "I'm in basic mode for this one: the AI's answer didn't check out, so I used my built-in rules.";
    case 'timeout':
      return "I'm in basic mode for this one: the AI model took too long to answer, so this comes from my built-in rules.";
    case 'rate_limited':
      return "I'm in basic mode for a moment (the AI service is busy), so this comes from my built-in rules.";
    default:
      return "I'm in basic mode right now (the AI service isn't answering), so this comes from my built-in rules.";
  }
};

export const aiMeta = (model: string): ChainMeta => ({
  mode: 'ai',
  basicModeReason: null,
  notice: null,
  model,
});

export const basicMeta = (reason: FallbackReason): ChainMeta => ({
  mode: 'basic',
  basicModeReason: reason,
  notice: basicModeNotice(reason),
  model: null,
});
