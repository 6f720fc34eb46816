import { createHmac } from 'node:crypto';
import {
  CHANNEL_BUDGETS,
  createEmailSender,
  createInboxPublisher,
  createWebInbox,
  type ChannelRegistry,
} from '../channels/index.js';
import { canEmailReach, markEmailBounced, type Domain } from '../domain/index.js';
import { createJobs, type JobQueues, type Sweep } from '../jobs/index.js';
import { emailUnsubscribeUrl } from '../http/index.js';
import type { Logger } from '../shared/index.js';
import { publicBaseUrl, type Root } from './root.js';

/** One handler for the web chat's Redis notifications, publishing and subscribing alike. */
export const inboxErrorLogger = (logger: Logger) => (error: Error) =>
  logger.warn({ err: error.message }, 'web chat notifications problem');

/** The web chat's inbox; each delivered reminder/check-in is announced on Redis so any HTTP node can push it. */
export const createAnnouncingInbox = (
  { config, clock, database, redis }: Root,
  onInboxError: (error: Error) => void,
) => createWebInbox(database.db, clock, createInboxPublisher(redis, config.jobs.prefix, onInboxError));

/** The email channel, registered when SMTP is configured; its unsubscribe links are signed either way. */
export const registerEmailChannel = (
  { config }: Root,
  parts: { domain: Domain; channels: ChannelRegistry; widgetSecret: string },
) => {
  const { domain, channels } = parts;
  // Unsubscribe links are signed with a key derived from the deployment's one secret (the widget's).
  const unsubscribeSecret = createHmac('sha256', parts.widgetSecret)
    .update('email-unsubscribe')
    .digest('base64url');
  const baseUrl = publicBaseUrl(config);
  const email = config.email
    ? createEmailSender({
        ...config.email,
        unsubscribeUrl: (userId) => emailUnsubscribeUrl(baseUrl, unsubscribeSecret, userId),
        canReach: (address) => canEmailReach(domain, address),
        onRejected: (address, reason) => markEmailBounced(domain, address, reason),
      })
    : undefined;
  if (email) channels.register({ channel: 'email', sender: email.sender, budget: CHANNEL_BUDGETS.email });
  return { email, unsubscribeSecret };
};

/** The queues' workers, delivering through the domain and the registered channels' senders. */
export const createDeliveringJobs = (
  { clock }: Root,
  parts: { jobQueues: JobQueues; domain: Domain; channels: ChannelRegistry; sweeps: Sweep[] },
) => {
  const { domain } = parts;
  return createJobs(parts.jobQueues, {
    deliver: {
      users: domain.users,
      identities: domain.identities,
      notifications: domain.notifications,
      senders: parts.channels.senders,
      clock,
    },
    sweeps: parts.sweeps,
  });
};
