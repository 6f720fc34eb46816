import twilio from 'twilio';
import type { SmsConfig } from '../../config.js';
import { AppError } from '../../shared/index.js';

/** What the SMS channel needs of Twilio's REST API. */
export type SmsApi = {
  send: (message: {
    to: string;
    from: string | undefined;
    body: string;
    statusCallback: string | undefined;
  }) => Promise<{ sid: string; status: string }>;
  /** Messages already sent to `to` since `since` (to learn whether a send cut short by a crash went out). */
  sentTo: (to: string, since: Date) => Promise<{ sid: string; body: string; status: string }[]>;
  /** A message's media, with the account's credentials; refuses other hosts and anything over `maxBytes`. */
  fetchMedia: (url: string, maxBytes: number) => Promise<{ bytes: Buffer; contentType: string }>;
};

/** Twilio refused: `optedOut` (21610) never succeeds until the person texts START; `retryable` is worth another go. */
export class SmsSendError extends AppError {
  constructor(
    readonly twilioCode: number | undefined,
    readonly httpStatus: number | undefined,
    cause: unknown,
  ) {
    const optedOut = twilioCode === 21610;
    const retryable =
      !optedOut &&
      (httpStatus === 429 || twilioCode === 20429 || httpStatus === undefined || httpStatus >= 500);
    super(
      optedOut ? 'UNAVAILABLE' : retryable ? 'UNAVAILABLE' : 'BAD_REQUEST',
      optedOut ? 'This number has opted out of texts.' : 'The text could not be sent.',
      { retryable, cause },
    );
  }
  get optedOut(): boolean {
    return this.twilioCode === 21610;
  }
  /** Twilio's "too many requests": back off and try again. */
  get throttled(): boolean {
    return this.httpStatus === 429 || this.twilioCode === 20429;
  }
}

const TWILIO_HOST = 'api.twilio.com';

/**
 * The official client, pointed at `apiBaseUrl` when it is not Twilio itself (a compatible provider, the local fake):
 * its request client rewrites each URL's origin, everything else (auth, encoding, errors) stays the SDK's.
 */
const createClient = (config: SmsConfig) => {
  const base = new URL(config.apiBaseUrl);
  const username = config.apiKey?.sid ?? config.accountSid;
  const password = config.apiKey?.secret ?? config.authToken;
  if (base.hostname === TWILIO_HOST) return twilio(username, password, { accountSid: config.accountSid });
  // The SDK's types for RequestClient do not resolve under NodeNext (they come through as `any`), hence no `override`.
  class BaseUrlClient extends twilio.RequestClient {
    request(opts: { uri: string }) {
      const uri = new URL(opts.uri);
      uri.protocol = base.protocol;
      uri.host = base.host;
      return super.request({ ...opts, uri: uri.href });
    }
  }
  return twilio(username, password, { accountSid: config.accountSid, httpClient: new BaseUrlClient() });
};

const asSendError = (error: unknown): SmsSendError => {
  const e = error as { code?: unknown; status?: unknown };
  return new SmsSendError(
    typeof e.code === 'number' ? e.code : undefined,
    typeof e.status === 'number' ? e.status : undefined,
    error,
  );
};

export const createSmsApi = (config: SmsConfig): SmsApi => {
  const client = createClient(config);
  const apiOrigin = new URL(config.apiBaseUrl).origin;
  const authorization = `Basic ${Buffer.from(
    `${config.apiKey?.sid ?? config.accountSid}:${config.apiKey?.secret ?? config.authToken}`,
  ).toString('base64')}`;
  return {
    send: async ({ to, from, body, statusCallback }) => {
      try {
        const message = await client.messages.create({
          to,
          body,
          ...(config.messagingServiceSid
            ? { messagingServiceSid: config.messagingServiceSid }
            : { from: from! }),
          ...(statusCallback ? { statusCallback } : {}),
        });
        return { sid: message.sid, status: message.status };
      } catch (error) {
        throw asSendError(error);
      }
    },
    sentTo: async (to, since) => {
      try {
        const page = (await client.messages.list({ to, dateSentAfter: since, limit: 50 })) as {
          sid: string;
          body: string;
          status: string;
        }[];
        return page.map(({ sid, body, status }) => ({ sid, body, status }));
      } catch (error) {
        throw asSendError(error);
      }
    },
    fetchMedia: async (url, maxBytes) => {
      // Only our account's media on the configured API host: a MediaUrl is a claim in a (signed) webhook, and the
      // credentials we attach must never travel anywhere else.
      const target = new URL(url);
      const mediaHost = apiOrigin === `https://${TWILIO_HOST}` ? ['https://api.twilio.com'] : [apiOrigin];
      if (
        !mediaHost.includes(target.origin) ||
        !target.pathname.startsWith(`/2010-04-01/Accounts/${config.accountSid}/`)
      )
        throw new AppError('FORBIDDEN', 'That photo did not come from our SMS provider.');
      const res = await fetch(target, {
        headers: { authorization },
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      // Twilio answers media with a redirect to a short-lived signed URL: follow it without our credentials.
      const final =
        res.status >= 300 && res.status < 400 && res.headers.get('location')
          ? await fetch(new URL(res.headers.get('location')!, target), {
              signal: AbortSignal.timeout(15_000),
            })
          : res;
      if (!final.ok)
        throw new AppError('UNAVAILABLE', 'The photo could not be fetched.', { retryable: true });
      const declared = Number(final.headers.get('content-length') ?? 0);
      if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', 'That photo is too large.');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of final.body ?? []) {
        size += (chunk as Uint8Array).length;
        if (size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', 'That photo is too large.');
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
      return { bytes: Buffer.concat(chunks), contentType: final.headers.get('content-type') ?? '' };
    },
  };
};
