import { sweepSilentAnonymousAccounts, type InboundQueue } from '../channels/index.js';
import {
  resumeAccountDeletions,
  resumeAccountMerges,
  sweepProofImages,
  sweepStaleFocusSessions,
  type AccountService,
  type Domain,
} from '../domain/index.js';
import type { Sweep } from '../jobs/index.js';
import type { MemoryService } from '../memory/index.js';

export type SweepParts = {
  domain: Domain;
  memory: MemoryService;
  anonymousIdleHours: number;
  /** Read when a sweep runs: the inbound queue and the account service are built after the jobs that run sweeps. */
  inbound: () => InboundQueue;
  account: () => AccountService;
};

/** The hourly maintenance sweeps: expired codes and claims, stale sessions, orphans, and work a crash left halfway. */
export const maintenanceSweeps = ({
  domain,
  memory,
  anonymousIdleHours,
  inbound,
  account,
}: SweepParts): Sweep[] => [
  { name: 'link_codes', run: (now) => domain.identities.sweepLinkCodes(now) },
  {
    name: 'oauth',
    run: async (now) => (await domain.oauthStore.sweep(now)) + (await domain.signInCodes.sweep(now)),
  },
  { name: 'nudge_slots', run: (now) => domain.notifications.sweepNudgeSlots(now) },
  // Retries end within hours; a fortnight-old claim guards nothing any more.
  {
    name: 'notification_claims',
    run: (now) => domain.notifications.sweepClaims(new Date(now.getTime() - 14 * 86_400_000)),
  },
  { name: 'memories', run: async () => Object.values(await memory.sweep()).reduce((a, b) => a + b, 0) },
  { name: 'focus_sessions', run: () => sweepStaleFocusSessions(domain) },
  {
    name: 'proof_images',
    run: () =>
      sweepProofImages({
        ...domain,
        isReferenceLive: async (userId, ref) => {
          const task = ref.startsWith('task:') ? await domain.tasks.get(userId, ref.slice(5)) : null;
          return Boolean(task && !task.deletedAt);
        },
      }),
  },
  {
    name: 'anonymous_accounts',
    run: () => sweepSilentAnonymousAccounts(domain, anonymousIdleHours),
  },
  // No provider retries a webhook after a month; the receipt has done its work.
  { name: 'inbound_events', run: (now) => inbound().sweep(new Date(now.getTime() - 30 * 86_400_000)) },
  // Finishes account deletions a crash or a dropped request left halfway.
  { name: 'account_deletions', run: () => resumeAccountDeletions(account()) },
  // Finishes account merges ("link CODE") a crash left halfway.
  { name: 'account_merges', run: () => resumeAccountMerges(account()) },
];
