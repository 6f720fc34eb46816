import { Hono } from 'hono';
import {
  stopEmailDelivery,
  unsubscribeTokenFor,
  userOfUnsubscribeToken,
  type EmailAddressDeps,
} from '../../domain/index.js';
import { AppError } from '../../shared/index.js';

const PATH = '/email/unsubscribe/';

/** The link every non-code email carries in `List-Unsubscribe` and its footer. */
export const emailUnsubscribeUrl = (baseUrl: string, secret: string, userId: string): string =>
  `${baseUrl.replace(/\/+$/, '')}${PATH}${unsubscribeTokenFor(secret, userId)}`;

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:420px;margin:48px auto;padding:0 16px;line-height:1.5;color:#1f2430">
<h1 style="font-size:20px">${title}</h1>${body}</body></html>`;

const headers = { 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex', 'Cache-Control': 'no-store' };

/**
 * One-click unsubscribe (RFC 8058): mail providers POST `List-Unsubscribe=One-Click` to the link with no login; a
 * person who opens it in a browser gets a page with one button that makes the same POST. A GET changes nothing,
 * because link scanners open every link in a mail.
 */
export const emailUnsubscribeRoutes = (domain: EmailAddressDeps, secret: string) => {
  const app = new Hono();
  const userOf = (token: string) => {
    const userId = userOfUnsubscribeToken(secret, token);
    if (!userId) throw new AppError('NOT_FOUND', 'This unsubscribe link is not valid.');
    return userId;
  };
  app.get(`${PATH}:token`, (c) => {
    userOf(c.req.param('token'));
    return c.html(
      page(
        'Stop FocusForge emails?',
        '<p>Your reminders and check-ins will come to your FocusForge chat instead.</p>' +
          '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' +
          '<button type="submit" style="font-size:16px;padding:8px 16px">Stop emails</button></form>',
      ),
      200,
      headers,
    );
  });
  app.post(`${PATH}:token`, async (c) => {
    const userId = userOf(c.req.param('token'));
    await stopEmailDelivery(domain, { userId, via: 'api' });
    return c.html(
      page(
        'Done: no more FocusForge emails',
        '<p>Your reminders now come to your FocusForge chat. You can turn email back on there any time.</p>',
      ),
      200,
      headers,
    );
  });
  return app;
};
