import type { Band, ProofAssessment, ProofDraft, Verdict } from './schema.js';

export const APPROVE_AT = 90;
export const FOLLOW_UP_AT = 70;

export const bandFor = (confidence: number): Band =>
  confidence >= APPROVE_AT ? 'approve' : confidence >= FOLLOW_UP_AT ? 'follow_up' : 'more_evidence';

const strictness: Record<Verdict, number> = { approved: 0, needs_more: 1, rejected: 2 };

/** The stricter of two verdicts. */
export const stricter = (a: Verdict, b: Verdict): Verdict => (strictness[a] >= strictness[b] ? a : b);

export const defaultFollowUp = (band: Band): string | null =>
  band === 'approve'
    ? null
    : band === 'follow_up'
      ? 'Could you add one detail, like when you finished or what the result looks like?'
      : 'Could you share a bit more, like a photo, a link, or a few words on what you did?';

/** One question only: the first sentence that asks something. */
export const firstQuestion = (text: string | null): string | null => {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  const match = /[^?]*\?/.exec(trimmed);
  return (match ? match[0] : trimmed).trim().slice(0, 200) || null;
};

/**
 * Makes a model's verdict consistent with the bands, or refuses it (null) so basic mode answers instead.
 * An approval stands only with confidence ≥ 90 and clean evidence; anything stricter than the band is kept.
 */
export const reconcileDraft = (draft: ProofDraft, injectionSuspected: boolean): ProofAssessment | null => {
  const suspicious = injectionSuspected || draft.evidenceContainsInstructions;
  if (draft.verdict === 'approved' && (draft.confidence < APPROVE_AT || suspicious)) return null;
  const confidence = suspicious ? Math.min(draft.confidence, FOLLOW_UP_AT - 1) : draft.confidence;
  const band = bandFor(confidence);
  const bandVerdict: Verdict = band === 'approve' ? 'approved' : 'needs_more';
  const verdict = stricter(draft.verdict, bandVerdict);
  const question = firstQuestion(draft.followUpQuestion);
  return {
    verdict,
    confidence,
    band,
    feedback: draft.feedback,
    followUpQuestion:
      verdict === 'approved' ? null : (question ?? defaultFollowUp(band === 'approve' ? 'follow_up' : band)),
    injectionSuspected: suspicious,
  };
};
