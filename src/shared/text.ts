import { z } from 'zod';

/** C0 and C1 controls (CR, LF, tab, NUL, ESC...), DEL, and the Unicode line and paragraph separators. */
const BREAKING = /[\p{Cc}\u2028\u2029]/u;
const BREAKING_RUNS = /[\p{Cc}\u2028\u2029]+/gu;

/**
 * Text that must stay on one line (task and reward titles, names, labels): trimmed, bounded, and refused when it
 * holds a line break or control character. Titles travel into SMS, Slack, e-mail subjects and logs, where a CR/LF
 * or an escape sequence would forge lines or garble a terminal.
 */
export const singleLineText = (field: string, max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((text) => !BREAKING.test(text), {
      message: `${field} must be one line, without line breaks or control characters`,
    });

/** Free text made fit for a one-line field: line breaks and control characters become one space each run. */
export const toSingleLine = (text: string): string =>
  text.replace(BREAKING_RUNS, ' ').replace(/ {2,}/g, ' ').trim();
