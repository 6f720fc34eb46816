import { EMAIL_CODE_PATTERN, EMAIL_PATTERN } from '../../agents/index.js';
import type { PlannedCall } from '../graph/state.js';
import { plannedCalls } from './planned-call.js';

const call = plannedCalls('e');
const wantsDelivery =
  /\b(?:reminders?|check-?ins?|digests?|nudges?|notifications?|updates?|reach me|contact me)\b.*\be-?mails?\b|\b(?:by|via|over|through) e-?mail\b/i;

/**
 * Basic mode's plan for email (issue 22): "my email is ana@example.com" mails a code, "verify 123456" checks it, and
 * "send my reminders by email" routes them there (once an address is verified; until then they stay in the inbox).
 */
export const planEmail = (text: string): { calls: PlannedCall[]; notes: string[] } => {
  const address = EMAIL_PATTERN.exec(text)?.[0];
  const code = address ? undefined : EMAIL_CODE_PATTERN.exec(text)?.[1];
  const args: Record<string, unknown> = {};
  if (address) args.email = address;
  if (code) args.emailCode = code.replace(/[\s-]/g, '');
  if (wantsDelivery.test(text)) args.preferredChannel = 'email';
  if (Object.keys(args).length === 0)
    return { calls: [], notes: ['Which email address should I use? Say "my email is you@example.com".'] };
  return { calls: [call('update_profile', args)], notes: [] };
};
