import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/index.js';
import { decodeImageDataUrl, sniffImage } from './image-bytes.js';

const dataUrl = (type: string, bytes: number[] | Buffer) =>
  `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`;

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
};

describe('proof image bytes', () => {
  it('knows png, jpeg, gif and webp by their magic bytes, and nothing else', () => {
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(sniffImage(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from([0x89, 0x50]))).toBeNull();
  });

  it('takes the type from the bytes, not from what the data URL claims', () => {
    const gif = decodeImageDataUrl(dataUrl('png', Buffer.from('GIF87a-body')), 1_000);
    expect(gif.mime).toBe('image/gif');
    expect(gif.bytes.toString()).toBe('GIF87a-body');
    expect(gif.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses oversized images by their decoded size, and files that are not images', () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect(
      codeOf(() => decodeImageDataUrl(dataUrl('png', [...png, ...new Array<number>(92).fill(1)]), 100)),
    ).toBeNull();
    expect(
      codeOf(() => decodeImageDataUrl(dataUrl('png', [...png, ...new Array<number>(93).fill(1)]), 100)),
    ).toBe('PAYLOAD_TOO_LARGE');
    expect(codeOf(() => decodeImageDataUrl(dataUrl('png', Buffer.from('#!/bin/sh')), 100))).toBe(
      'VALIDATION_FAILED',
    );
    expect(codeOf(() => decodeImageDataUrl('data:text/html;base64,PGgxPg==', 100))).toBe('VALIDATION_FAILED');
  });
});
