import type { Presented } from './presented.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results were validated by the tool's output schema
type Data = any;

/** What an update_profile result tells the person; for email, what happened and the one next step. */
export const presentProfileUpdate = (profile: Data, args: Record<string, unknown>): Presented => {
  const email = profile.email as
    { address: string | null; bouncing: boolean; pending: { address: string } | null } | undefined;
  const lines: string[] = [];
  if (args.emailCode !== undefined && email?.address)
    lines.push(`Verified! I'll use ${email.address} for email.`);
  else if (typeof args.email === 'string' && email?.pending)
    lines.push(
      `I've sent a 6-digit code to ${email.pending.address}. When it arrives, reply "verify" and the code ` +
        '(it works for 30 minutes).',
    );
  else if (typeof args.email === 'string' && email?.address)
    lines.push(`${email.address} is already verified.`);
  else if (args.email === null) lines.push("I've removed your email address. Your reminders come here now.");
  if (args.preferredChannel === 'email' && profile.preferences?.preferredChannel === 'email') {
    if (email?.address && !email.bouncing) lines.push('Your reminders and check-ins will come by email.');
    else if (email?.pending) lines.push("Once it's verified, your reminders go there.");
    else
      lines.push(
        'Reminders will go by email once you add an address: say "my email is you@example.com". ' +
          'Until then they stay here.',
      );
  }
  return { lines: lines.length > 0 ? lines : ['Done.'], parts: [] };
};
