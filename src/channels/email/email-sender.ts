import { createTransport } from 'nodemailer';
import type { ChannelSender } from '../../domain/notifications/channel-sender.js';
import { renderEmail } from './templates.js';

export type EmailConfig = { smtpUrl: string; from: string };

/** Email over SMTP. The Message-ID is derived from the idempotency key so mail systems can drop a resend. */
export const createEmailSender = ({ smtpUrl, from }: EmailConfig) => {
  const transport = createTransport(smtpUrl);
  const domain = from.split('@')[1]?.replace(/[>\s]/g, '') || 'focusforge.local';
  const sender: ChannelSender = {
    channel: 'email',
    needsAddress: true,
    send: async (to, message, idempotencyKey) => {
      if (!to.address) throw new Error('no email address for this person');
      const { subject, text, html } = renderEmail(message, to.name);
      await transport.sendMail({
        from,
        to: to.address,
        subject,
        text,
        html,
        messageId: `<${idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`,
      });
    },
  };
  return { sender, close: () => transport.close() };
};
