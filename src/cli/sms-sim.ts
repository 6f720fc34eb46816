import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import twilio from 'twilio';
import type { Config } from '../config.js';

// `focusforge sms-sim --from +15555550100`: text the local assistant from a terminal, no Twilio account needed. The sim
// plays both sides of Twilio: it signs inbound webhooks with TWILIO_AUTH_TOKEN, and it serves the REST API at
// TWILIO_API_BASE_URL, printing every text the assistant sends to this number (replies and reminders alike).

const SETUP = `sms-sim needs the assistant to use it as its Twilio. Start the assistant with, e.g.:
  TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000 TWILIO_AUTH_TOKEN=local-dev-token \\
  TWILIO_PHONE_NUMBERS=+15555550199 TWILIO_API_BASE_URL=http://127.0.0.1:3190 SMS_UNKNOWN_NUMBERS=sign_up npm start
and run sms-sim with the same variables.`;

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

/** Runs until stdin closes (Ctrl-D) or Ctrl-C. */
export const runSmsSim = async (config: Config, from: string): Promise<number> => {
  const sms = config.sms;
  const api = sms ? new URL(sms.apiBaseUrl) : null;
  if (!sms || !api || api.protocol !== 'http:') {
    console.error(SETUP);
    return 2;
  }
  const ours = sms.phoneNumbers[0] ?? '+15555550199';
  const webhook = `${config.publicUrl ?? `http://${config.host}:${config.port}`}/webhooks/twilio/sms`;
  const print = (line: string) => process.stdout.write(`${line}\n`);

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://sim').pathname;
      const isMessages = path === `/2010-04-01/Accounts/${sms.accountSid}/Messages.json`;
      res.setHeader('content-type', 'application/json');
      if (isMessages && req.method === 'GET') {
        res.end(JSON.stringify({ messages: [], next_page_uri: null }));
        return;
      }
      if (!isMessages || req.method !== 'POST') {
        res.statusCode = 404;
        res.end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
        return;
      }
      const form = new URLSearchParams(await readBody(req));
      if (form.get('To') === from) print(`\n< FocusForge: ${form.get('Body') ?? ''}\n`);
      res.statusCode = 201;
      res.end(
        JSON.stringify({ sid: sid('SM'), status: 'queued', to: form.get('To'), body: form.get('Body') }),
      );
    })().catch(() => res.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(api.port || 80), api.hostname, resolve);
  });
  print(
    `sms-sim: you are ${from}, texting ${ours} at ${webhook}. Type a message, Enter to send; Ctrl-D to quit.`,
  );

  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const body = line.trim();
    if (!body) continue;
    const params = {
      MessageSid: sid('SM'),
      AccountSid: sms.accountSid,
      From: from,
      To: ours,
      Body: body,
      NumMedia: '0',
    };
    try {
      const res = await fetch(webhook, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(sms.authToken, webhook, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      if (!res.ok) print(`(the assistant answered ${res.status}: ${(await res.text()).slice(0, 200)})`);
    } catch (error) {
      print(`(could not reach the assistant at ${webhook}: ${(error as Error).message})`);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // a reply to the last line may still be on its way
  server.close();
  return 0;
};
