import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { z } from 'zod';
import { AppError } from '../../shared/index.js';
import { ChannelSchema, type Channel } from '../channel.js';

export const IdentitySchema = z.object({
  id: z.string(),
  channel: ChannelSchema,
  /** Normalized address: E.164 phone, `TEAM:USER` for Slack, an opaque id for web, a lower-case email. */
  address: z.string(),
  createdAt: z.iso.datetime(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const LinkCodeSchema = z.object({ code: z.string(), expiresAt: z.iso.datetime() });
export type LinkCode = z.infer<typeof LinkCodeSchema>;

const slackTeam = /^[TE][A-Z0-9]{2,20}$/;
const slackUser = /^[UW][A-Z0-9]{2,20}$/;
const webId = /^[A-Za-z0-9_-]{8,128}$/;

/** One canonical spelling per address, so the same person is found however the channel writes it. */
export const normalizeAddress = (channel: Channel, raw: string): string => {
  const address = raw.trim();
  switch (channel) {
    case 'sms': {
      try {
        const phone = parsePhoneNumberWithError(address);
        // Possible, not only valid: carriers' test ranges (+1 555 01xx) must work for sms-sim and fakes.
        if (phone.isPossible()) return phone.number;
      } catch {
        // fall through to the clear error below
      }
      throw new AppError(
        'VALIDATION_FAILED',
        'A phone number must be in international format, like +14155550123.',
      );
    }
    case 'slack': {
      const [team = '', user = '', ...rest] = address.toUpperCase().split(':');
      if (rest.length === 0 && slackTeam.test(team) && slackUser.test(user)) return `${team}:${user}`;
      throw new AppError(
        'VALIDATION_FAILED',
        'A Slack identity is TEAM_ID:USER_ID, like T012AB3C4:U0G9QF9C6.',
      );
    }
    case 'web':
      if (webId.test(address)) return address;
      throw new AppError('VALIDATION_FAILED', 'A web identity is 8-128 letters, digits, _ or -.');
    case 'email': {
      const email = address.toLowerCase();
      if (z.email().safeParse(email).success) return email;
      throw new AppError('VALIDATION_FAILED', 'That does not look like an email address.');
    }
  }
};
