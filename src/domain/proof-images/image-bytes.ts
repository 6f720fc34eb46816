import { createHash } from 'node:crypto';
import { AppError } from '../../shared/index.js';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** A decoded photo: its real bytes, the type its first bytes prove, and a content hash. */
export type DecodedImage = { bytes: Buffer; mime: ImageMime; sha256: string };

const DATA_URL = /^data:image\/(png|jpe?g|webp|gif);base64,/;

const startsWith = (bytes: Buffer, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/** The image type the file's magic bytes show, whatever the data URL claims; null for anything else. */
export const sniffImage = (bytes: Buffer): ImageMime | null => {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39))
    return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
};

/**
 * Decodes a base64 image data URL and checks what it really is: at most `maxBytes` of decoded bytes and a png,
 * jpeg, webp or gif by its magic bytes. The length is checked before decoding, so an oversized upload costs nothing.
 */
export const decodeImageDataUrl = (dataUrl: string, maxBytes: number): DecodedImage => {
  const header = DATA_URL.exec(dataUrl);
  if (!header)
    throw new AppError(
      'VALIDATION_FAILED',
      'That photo could not be read. Please attach a png, jpeg, webp or gif.',
    );
  const base64 = dataUrl.slice(header[0].length);
  const megabytes = (maxBytes / 1_000_000).toFixed(maxBytes < 1_000_000 ? 2 : 0);
  const tooBig = new AppError(
    'PAYLOAD_TOO_LARGE',
    `That photo is too big. Photos up to ${megabytes} MB work; a screenshot or a smaller photo is fine.`,
  );
  if (Math.floor((base64.length * 3) / 4) - 2 > maxBytes) throw tooBig;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxBytes) throw tooBig;
  const mime = sniffImage(bytes);
  if (!mime)
    throw new AppError(
      'VALIDATION_FAILED',
      "That file doesn't look like a photo I can use. Please attach a png, jpeg, webp or gif.",
    );
  return { bytes, mime, sha256: createHash('sha256').update(bytes).digest('hex') };
};

/** The data URL a vision model is given, rebuilt from stored bytes. */
export const toDataUrl = (mime: ImageMime, bytes: Buffer): string =>
  `data:${mime};base64,${bytes.toString('base64')}`;
