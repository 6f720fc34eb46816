import { ConfigError } from './config-error.js';
import type { Env } from './env-schema.js';

/** The Slack channel: one workspace with a bot token, or any number installed through OAuth. */
export type SlackConfig = {
  /** Verifies every request from Slack. A secret. */
  signingSecret: string;
  /** Single-workspace mode. A secret. */
  botToken: string | undefined;
  /** Install flow; bot tokens are stored encrypted with `tokenKey`. Secrets. */
  oauth: { clientId: string; clientSecret: string; stateSecret: string; tokenKey: Buffer } | undefined;
  /** The Web API base (ends with `/`); the bot token is sent only here. */
  apiUrl: string;
};

export const slackConfigFrom = (e: Env): SlackConfig | undefined => {
  const oauthParts = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET, e.SLACK_TOKEN_KEY];
  const hasOauth = oauthParts.some((v) => v !== undefined);
  if (!e.SLACK_SIGNING_SECRET) {
    if (e.SLACK_BOT_TOKEN || hasOauth)
      throw new ConfigError([
        'SLACK_SIGNING_SECRET: required to use Slack (Basic Information in the app settings)',
      ]);
    return undefined;
  }
  const problems: string[] = [];
  if (!e.SLACK_BOT_TOKEN && !hasOauth)
    problems.push(
      'SLACK_BOT_TOKEN: required (one workspace), or SLACK_CLIENT_ID/SECRET/STATE_SECRET/TOKEN_KEY',
    );
  const tokenKey = e.SLACK_TOKEN_KEY ? Buffer.from(e.SLACK_TOKEN_KEY, 'base64') : undefined;
  if (hasOauth) {
    if (oauthParts.some((v) => v === undefined))
      problems.push(
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_KEY: the install flow needs all four',
      );
    if (tokenKey && tokenKey.length !== 32)
      problems.push('SLACK_TOKEN_KEY: must be 32 bytes in base64 (`openssl rand -base64 32`)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const apiUrl = e.SLACK_API_URL ?? 'https://slack.com/api/';
  return {
    signingSecret: e.SLACK_SIGNING_SECRET,
    botToken: e.SLACK_BOT_TOKEN,
    oauth:
      hasOauth && tokenKey
        ? {
            clientId: e.SLACK_CLIENT_ID ?? '',
            clientSecret: e.SLACK_CLIENT_SECRET ?? '',
            stateSecret: e.SLACK_STATE_SECRET ?? '',
            tokenKey,
          }
        : undefined,
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
  };
};

/** Twilio (or a Twilio-compatible provider); secrets never reach logs or messages (docs/sms.md). */
export type SmsConfig = {
  accountSid: string;
  /** Verifies webhook signatures; also the REST credential unless an API key is set. A secret. */
  authToken: string;
  /** REST credentials preferred over the auth token when set. The secret is a secret. */
  apiKey: { sid: string; secret: string } | undefined;
  /** FocusForge's own numbers (E.164); replies go out from the number the person texted. */
  phoneNumbers: string[];
  messagingServiceSid: string | undefined;
  /** Where the REST API lives (default https://api.twilio.com); media is fetched only from this host. */
  apiBaseUrl: string;
  /** What a text from a number nobody linked gets: a new account, or a polite note on how to link. */
  unknownNumbers: 'sign_up' | 'explain';
  /** Send rate per FocusForge number (a US long code takes about 1 segment a second). */
  segmentsPerSecond: number;
};

export const smsConfigFrom = (e: Env): SmsConfig | undefined => {
  if (!e.TWILIO_ACCOUNT_SID) return undefined;
  const problems: string[] = [];
  if (!e.TWILIO_AUTH_TOKEN)
    problems.push(
      'TWILIO_AUTH_TOKEN: required with TWILIO_ACCOUNT_SID (it verifies the webhooks Twilio signs)',
    );
  if (Boolean(e.TWILIO_API_KEY) !== Boolean(e.TWILIO_API_SECRET))
    problems.push('TWILIO_API_KEY and TWILIO_API_SECRET: set both or neither');
  if (e.TWILIO_PHONE_NUMBERS.length === 0 && !e.TWILIO_MESSAGING_SERVICE_SID)
    problems.push('TWILIO_PHONE_NUMBERS: required with TWILIO_ACCOUNT_SID (e.g. +14155550123)');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    accountSid: e.TWILIO_ACCOUNT_SID,
    authToken: e.TWILIO_AUTH_TOKEN!,
    apiKey:
      e.TWILIO_API_KEY && e.TWILIO_API_SECRET
        ? { sid: e.TWILIO_API_KEY, secret: e.TWILIO_API_SECRET }
        : undefined,
    phoneNumbers: e.TWILIO_PHONE_NUMBERS,
    messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
    apiBaseUrl: (e.TWILIO_API_BASE_URL ?? 'https://api.twilio.com').replace(/\/+$/, ''),
    unknownNumbers: e.SMS_UNKNOWN_NUMBERS,
    segmentsPerSecond: e.SMS_SEGMENTS_PER_SECOND,
  };
};
