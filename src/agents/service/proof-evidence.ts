import { storeProofImage, useProofImage, type ProofImageDeps } from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import type { Evidence } from '../chains/proof/schema.js';

/** Whether an https image link may go to the model: only hosts the operator listed (PROOF_IMAGE_URL_HOSTS). */
export const isAllowedImageHost = (url: string, allowedHosts: readonly string[]): boolean => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && allowedHosts.includes(parsed.hostname.toLowerCase());
  } catch {
    return false;
  }
};

/**
 * The evidence as the validator sees it: a photo sent earlier (by id) or now (as a data URL, stored first, so it
 * counts against the person's quota and is checked for size and type) becomes a data URL of the stored bytes; an
 * https link passes only from an allowed host. The model is never handed a URL of someone else's choosing.
 */
export const resolveProofEvidence = async (
  deps: ProofImageDeps & { allowedImageHosts: readonly string[] },
  userId: string,
  taskId: string,
  evidence: Evidence,
): Promise<Evidence> => {
  if (evidence.kind !== 'image') {
    const { imageId: _id, imageUrl: _url, ...rest } = evidence;
    return rest;
  }
  const { imageId, imageUrl, ...rest } = evidence;
  if (imageId) return { ...rest, imageUrl: await useProofImage(deps, userId, imageId, taskId) };
  if (imageUrl?.startsWith('data:')) {
    const stored = await storeProofImage(deps, userId, imageUrl);
    return { ...rest, imageUrl: await useProofImage(deps, userId, stored, taskId) };
  }
  if (imageUrl && isAllowedImageHost(imageUrl, deps.allowedImageHosts)) return { ...rest, imageUrl };
  throw new AppError(
    'VALIDATION_FAILED',
    'I can only look at photos sent here, not image links from other sites. Please attach the photo itself (or describe what you did).',
  );
};
