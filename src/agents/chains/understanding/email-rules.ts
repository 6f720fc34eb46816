import type { Rule } from './intent-schema.js';

/** An address as people type it; the use case checks it properly. */
export const EMAIL_PATTERN = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;
/** A six-digit verification code after "verify", "confirm" or "my code is". */
export const EMAIL_CODE_PATTERN =
  /\b(?:verify|verification|confirm|code)\b(?: code| is)*[ :#-]*(\d{3}[\s-]?\d{3})\b/i;

const CODE_ONLY = /^(?:please )?(?:verify|confirm)(?: my email)?(?: code)?[:#-]?\s*\d{3}[\s-]?\d{3}[.!]?$/;

/** A message that is only a verification code ("verify 123456", "Confirm code: 482 913"): it means nothing else. */
export const isEmailCodeMessage = (text: string): boolean => CODE_ONLY.test(text.trim().toLowerCase());

/**
 * Adding and verifying an email address (issue 22): "my email is ana@example.com", "send my reminders by email",
 * "verify 123456". Above create_task ("email ..." starts many tasks) and remember ("note my email is ...").
 */
export const emailRules: Rule[] = [
  ['email_address', 9, /\bmy (?:e-?mail|e-?mail address|address) is\b.*@/],
  ['email_address', 9, /\b(?:use|add|set|change|update|switch)\b.*\b(?:e-?mail|address)\b.*@/],
  ['email_address', 8, /^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}[.!]?$/],
  [
    'email_address',
    9,
    /\b(?:send|deliver|email) (?:me )?(?:my |the |all )?(?:reminders?|check-?ins?|digests?|nudges?|notifications?|messages?|updates?)\b.*\b(?:by|via|over|through|to my|as an?) e-?mails?\b/,
  ],
  ['email_address', 9, /\b(?:remind me|reach me|contact me) (?:by|via|over|through) e-?mail\b/],
  ['email_address', 9, CODE_ONLY],
  ['email_address', 9, /\bmy (?:verification |e-?mail )?code is\s*\d{3}[\s-]?\d{3}\b/],
];
