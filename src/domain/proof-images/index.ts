export {
  decodeImageDataUrl,
  sniffImage,
  toDataUrl,
  type DecodedImage,
  type ImageMime,
} from './image-bytes.js';
export {
  createProofImageRepo,
  proofImageIdOf,
  proofImageIndexes,
  type ProofImageDoc,
  type ProofImageRepo,
} from './proof-image-repo.js';
export {
  defaultProofImageLimits,
  PROOF_IMAGE_ID,
  removeProofImagesOf,
  storeProofImage,
  sweepProofImages,
  UNUSED_IMAGE_TTL_MS,
  useProofImage,
  type ProofImageDeps,
  type ProofImageLimits,
} from './proof-images.js';
