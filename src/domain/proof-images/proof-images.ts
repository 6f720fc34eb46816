import { AppError, type Clock } from '../../shared/index.js';
import { decodeImageDataUrl, toDataUrl } from './image-bytes.js';
import type { ProofImageDoc, ProofImageRepo } from './proof-image-repo.js';

/** Per-photo cap, per-person quota of live photos, and how long a photo used as proof is kept. */
export type ProofImageLimits = {
  maxBytes: number;
  quotaCount: number;
  quotaBytes: number;
  retentionDays: number;
};

export const defaultProofImageLimits: ProofImageLimits = {
  maxBytes: 5_000_000,
  quotaCount: 30,
  quotaBytes: 60_000_000,
  retentionDays: 30,
};

export type ProofImageDeps = {
  proofImages: ProofImageRepo;
  proofImageLimits: ProofImageLimits;
  clock: Clock;
};

/** An upload nothing has used yet is kept this long: enough for the turn that carries it to run. */
export const UNUSED_IMAGE_TTL_MS = 60 * 60_000;

export const PROOF_IMAGE_ID = /^img_[A-Za-z0-9_-]{27}$/;

/**
 * Stores a proof photo sent as a data URL (size and magic bytes checked, the person's quota enforced) and returns
 * its id; the same photo again returns the same id without storing it twice.
 */
export const storeProofImage = async (
  deps: ProofImageDeps,
  userId: string,
  dataUrl: string,
): Promise<string> => {
  const limits = deps.proofImageLimits;
  const image = decodeImageDataUrl(dataUrl, limits.maxBytes);
  const now = deps.clock.now();
  const saved = await deps.proofImages.save(
    userId,
    image,
    { now, expiresAt: new Date(now.getTime() + UNUSED_IMAGE_TTL_MS) },
    { maxCount: limits.quotaCount, maxBytes: limits.quotaBytes },
  );
  if (saved === 'quota')
    throw new AppError(
      'QUOTA_EXCEEDED',
      "You've sent a lot of photos lately, so I can't keep another one right now. A few words about what you did work just as well, and older photos free up space after a while.",
    );
  return saved.id;
};

/** The stored photo as a data URL for the validator, after recording that `taskId`'s proof uses it. */
export const useProofImage = async (
  deps: ProofImageDeps,
  userId: string,
  imageId: string,
  taskId: string,
): Promise<string> => {
  const now = deps.clock.now();
  const gone = new AppError(
    'NOT_FOUND',
    "I couldn't find that photo any more (photos that aren't used as proof are kept for an hour). Please attach it again.",
  );
  if (!PROOF_IMAGE_ID.test(imageId)) throw gone;
  const image = await deps.proofImages.load(userId, imageId, now);
  if (!image) throw gone;
  const keepUntil = new Date(now.getTime() + deps.proofImageLimits.retentionDays * 86_400_000);
  if (!(await deps.proofImages.reference(userId, imageId, `task:${taskId}`, keepUntil))) throw gone;
  return toDataUrl(image.mime, image.bytes);
};

export type SweepProofImagesDeps = Pick<ProofImageDeps, 'proofImages' | 'clock'> & {
  /** Whether a reference still points at something (a task that exists and is not deleted). */
  isReferenceLive: (userId: string, ref: string) => Promise<boolean>;
};

/**
 * Deletes photos whose time is up (unused uploads after an hour, proof photos after the retention period) and
 * photos whose every reference is gone (the task was deleted). Returns how many were deleted.
 */
export const sweepProofImages = async (deps: SweepProofImagesDeps, batch = 500): Promise<number> => {
  const now = deps.clock.now();
  let removed = 0;
  const drop = async (doc: ProofImageDoc) => {
    if (await deps.proofImages.remove(doc)) removed++;
  };
  for (const doc of await deps.proofImages.expired(now, batch)) await drop(doc);
  let after = '';
  for (let page = 0; page < 20; page++) {
    const docs = await deps.proofImages.referenced(batch, after);
    for (const doc of docs) {
      const live = await Promise.all(doc.refs.map((ref) => deps.isReferenceLive(doc.userId, ref)));
      if (!live.some(Boolean)) await drop(doc);
    }
    if (docs.length < batch) break;
    after = docs[docs.length - 1]!._id;
  }
  return removed;
};

/** Deletes every photo of a person (their account is going). */
export const removeProofImagesOf = async (
  deps: Pick<ProofImageDeps, 'proofImages'>,
  userId: string,
): Promise<number> => {
  let removed = 0;
  for (const doc of await deps.proofImages.ofUser(userId)) if (await deps.proofImages.remove(doc)) removed++;
  return removed;
};
