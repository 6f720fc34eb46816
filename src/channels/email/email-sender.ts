import { createTransport } from 'nodemailer';
import type { ChannelSender, NotificationKind } from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { renderEmail } from './templates.js';

export type EmailConfig = {
  smtpUrl: string;
  from: string;
  /** Where the one-click unsubscribe link of each mail points (PUBLIC_URL + a signed token per person). */
  unsubscribeUrl?: (userId: string) => string;
  /** False while an address is known to bounce. */
  canReach?: (address: string) => Promise<boolean>;
  /** The server refused a recipient for good (5xx): the address is marked and mail to it stops. */
  onRejected?: (address: string, reason: string) => Promise<void>;
};

/** Mail the person asked for this minute (a code), which no one can unsubscribe from and which is never a bounce. */
const transactional = new Set<NotificationKind>(['sign_in_code', 'email_verification']);

/** The SMTP reply code of a nodemailer failure (RCPT or DATA refused), if the server gave one. */
const smtpCodeOf = (error: unknown): number | null => {
  const code =
    typeof error === 'object' && error !== null ? (error as { responseCode?: unknown }).responseCode : null;
  return typeof code === 'number' ? code : null;
};

/**
 * Email over SMTP. The Message-ID is derived from the idempotency key so mail systems can drop a resend. A 5xx from
 * the server means this address will not work: it is reported and the delivery moves to the next channel; any other
 * failure (4xx, a dropped connection) throws to be retried by the delivery job.
 */
export const createEmailSender = ({ smtpUrl, from, unsubscribeUrl, canReach, onRejected }: EmailConfig) => {
  const transport = createTransport(smtpUrl);
  const domain = from.split('@')[1]?.replace(/[>\s]/g, '') || 'focusforge.local';
  const sender: ChannelSender = {
    channel: 'email',
    needsAddress: true,
    ...(canReach ? { canReach } : {}),
    send: async (to, message, idempotencyKey) => {
      if (!to.address) throw new Error('no email address for this person');
      const isTransactional = transactional.has(message.kind);
      const unsubscribe = isTransactional ? undefined : unsubscribeUrl?.(to.userId);
      const { subject, text, html } = renderEmail(message, to.name, unsubscribe);
      try {
        await transport.sendMail({
          from,
          to: to.address,
          subject,
          text,
          html,
          messageId: `<${idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`,
          ...(unsubscribe
            ? {
                list: { unsubscribe: { url: unsubscribe, comment: 'Unsubscribe' } },
                headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
              }
            : {}),
        });
      } catch (error) {
        const code = smtpCodeOf(error);
        if (code === null || code < 500) throw error;
        const reason = `${code} ${error instanceof Error ? error.message : ''}`.trim();
        if (!isTransactional) await onRejected?.(to.address, reason);
        throw new AppError('UNAVAILABLE', 'The mail server refused this address.', {
          cause: error,
          retryable: false,
          details: { channelUnreachable: true },
        });
      }
    },
  };
  return { sender, close: () => transport.close() };
};
