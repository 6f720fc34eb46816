import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case: no i, l, o, u

/** A random, URL-safe id with a readable prefix, e.g. `task_8x2k...`. 80 bits of entropy. */
export const newId = (prefix: string): string => {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[bytes[i]! & 31];
  return `${prefix}_${out}`;
};
