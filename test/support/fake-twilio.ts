import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake Twilio API accepted (or refused), as the app posted it. */
export type FakeSms = {
  sid: string;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  statusCallback: string | undefined;
  /** The Basic auth user the client sent (account SID or API key SID). */
  username: string;
  at: number;
};

/** A scripted answer to the next Messages.json post, e.g. Twilio's 429/20429 or 21610 (recipient opted out). */
export type FakeTwilioStep = { status: number; code: number; message?: string; delayMs?: number };

export type FakeTwilio = {
  /** What `TWILIO_API_BASE_URL` should be. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Every accepted message, in order. */
  sent: FakeSms[];
  /** Posts refused by a scripted error. */
  refused: (FakeSms & { code: number })[];
  script: (...steps: FakeTwilioStep[]) => void;
  /** Refuses every message to `to` with 21610 until `allow(to)`. */
  block: (to: string) => void;
  allow: (to: string) => void;
  /** Serves bytes as a message's media (Basic auth required, like Twilio's); returns its URL. */
  addMedia: (bytes: Buffer, contentType: string) => string;
  mediaRequests: { path: string; authorized: boolean }[];
  close: () => Promise<void>;
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const sidOf = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

/**
 * A real local HTTP server speaking the slice of Twilio's REST API FocusForge uses: `POST Messages.json` with Basic
 * auth (auth token or API key), Twilio-shaped errors, and media URLs behind the same auth.
 */
export const startFakeTwilio = async (
  options: { accountSid?: string; authToken?: string; apiKey?: { sid: string; secret: string } } = {},
): Promise<FakeTwilio> => {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const sent: FakeSms[] = [];
  const refused: (FakeSms & { code: number })[] = [];
  const steps: FakeTwilioStep[] = [];
  const blocked = new Set<string>();
  const media = new Map<string, { bytes: Buffer; contentType: string }>();
  const mediaRequests: { path: string; authorized: boolean }[] = [];

  const credentials = (req: IncomingMessage): string | null => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return null;
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    const password = rest.join(':');
    if (user === accountSid && password === authToken) return user;
    if (options.apiKey && user === options.apiKey.sid && password === options.apiKey.secret) return user;
    return null;
  };

  const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const user = credentials(req);
      if (req.method === 'GET' && path.startsWith(`/2010-04-01/Accounts/${accountSid}/Messages/`)) {
        mediaRequests.push({ path, authorized: user !== null });
        const item = media.get(path);
        if (!user) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
        if (!item) return json(res, 404, { code: 20404, message: 'Not found', status: 404 });
        res.writeHead(200, { 'content-type': item.contentType, 'content-length': item.bytes.length });
        return res.end(item.bytes);
      }
      if (req.method === 'GET' && path === messagesPath) {
        if (!user) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
        const query = new URL(req.url ?? '/', 'http://fake').searchParams;
        const to = query.get('To');
        const messages = sent
          .filter((m) => !to || m.to === to)
          .map((m) => ({ sid: m.sid, to: m.to, from: m.from ?? null, body: m.body, status: 'sent' }));
        return json(res, 200, {
          messages,
          page: 0,
          page_size: 50,
          first_page_uri: messagesPath,
          next_page_uri: null,
          uri: messagesPath,
        });
      }
      if (req.method !== 'POST' || path !== messagesPath)
        return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (!user) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      const form = new URLSearchParams(await readBody(req));
      const message: FakeSms = {
        sid: sidOf('SM'),
        to: form.get('To') ?? '',
        from: form.get('From') ?? undefined,
        messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
        body: form.get('Body') ?? '',
        statusCallback: form.get('StatusCallback') ?? undefined,
        username: user,
        at: Date.now(),
      };
      const step = steps.shift();
      if (step?.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      const error =
        step && step.status >= 400
          ? step
          : blocked.has(message.to)
            ? { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }
            : null;
      if (error) {
        refused.push({ ...message, code: error.code });
        return json(res, error.status, {
          code: error.code,
          message: error.message ?? `scripted ${error.code}`,
          more_info: `https://www.twilio.com/docs/errors/${error.code}`,
          status: error.status,
        });
      }
      sent.push(message);
      json(res, 201, {
        sid: message.sid,
        account_sid: accountSid,
        to: message.to,
        from: message.from ?? null,
        messaging_service_sid: message.messagingServiceSid ?? null,
        body: message.body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        date_created: new Date().toUTCString(),
        uri: `${messagesPath.replace('.json', '')}/${message.sid}.json`,
      });
    })().catch((error: unknown) => json(res, 500, { code: 20500, message: String(error), status: 500 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    accountSid,
    authToken,
    sent,
    refused,
    script: (...next) => steps.push(...next),
    block: (to) => blocked.add(to),
    allow: (to) => blocked.delete(to),
    addMedia: (bytes, contentType) => {
      const path = `/2010-04-01/Accounts/${accountSid}/Messages/${sidOf('MM')}/Media/${sidOf('ME')}`;
      media.set(path, { bytes, contentType });
      return `${url}${path}`;
    },
    mediaRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * Signs a webhook the way Twilio does (written from Twilio's description, independently of the `twilio` package the
 * app verifies with): HMAC-SHA1 with the auth token over the full URL, then each parameter name followed by its value,
 * names sorted, a repeated name once per value (values sorted); base64.
 */
export const twilioSignature = (authToken: string, url: string, params: [string, string][]): string => {
  const sorted = [...params].sort(([a, av], [b, bv]) =>
    a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1,
  );
  const data = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
};

/** A form body and its signature header for posting a webhook to `url`. */
export const signedForm = (authToken: string, url: string, params: [string, string][]) => ({
  body: new URLSearchParams(params).toString(),
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilioSignature(authToken, url, params),
  },
});

let sids = 0;
/** A fresh Twilio-looking MessageSid. */
export const newMessageSid = () =>
  `SM${(++sids).toString(16).padStart(8, '0')}${randomBytes(12).toString('hex')}`;
