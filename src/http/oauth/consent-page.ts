import { html } from 'hono/html';
import { SCOPE_READ, SCOPE_WRITE } from './provider.js';

export type ConsentView = {
  uid: string;
  /** Where this page's forms post: the interaction's path, with PUBLIC_URL's path prefix in front. */
  actionPath: string;
  clientName: string;
  clientId: string;
  redirectHost: string;
  scopes: string[];
  /** Shown above the forms: what just happened ("we sent a code…") or what went wrong. */
  notice?: { kind: 'info' | 'error'; text: string } | undefined;
};

const SCOPE_TEXT: Record<string, string> = {
  [SCOPE_READ]: 'See your tasks, plans, mood check-ins, points and focus sessions',
  [SCOPE_WRITE]: 'Add, change, complete and delete tasks, and log mood, focus and rewards for you',
};

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.4rem}fieldset{border:1px solid #c9cfdb;border-radius:8px;margin:1rem 0;padding:.75rem 1rem}
label{display:block;margin:.4rem 0}input[type=text]{font:inherit;width:100%;padding:.45rem;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin:.5rem .5rem 0 0;border-radius:6px;border:1px solid #445}
.allow{background:#2456c7;color:#fff}.info{background:#eef4ff;padding:.6rem}.error{background:#fdecec;padding:.6rem}
code{background:#f3f4f7;padding:0 .2rem}`;

/**
 * The one page a person sees when an app asks to connect: who is asking, where the answer goes, what it may do,
 * and how to prove who they are without a password (a code sent to a channel they use, or an `ff_` API token).
 */
export const consentPage = (view: ConsentView) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>Connect ${view.clientName} to FocusForge</title>
        <style>
          ${style}
        </style>
      </head>
      <body>
        <h1>Connect <strong>${view.clientName}</strong> to FocusForge?</h1>
        <p>
          After you allow it, you will be sent back to <strong>${view.redirectHost}</strong>. <br /><small
            >App id: <code>${view.clientId}</code></small
          >
        </p>
        ${view.notice ? html`<p class="${view.notice.kind}" role="status">${view.notice.text}</p>` : ''}
        <form method="post" action="${view.actionPath}/code">
          <fieldset>
            <legend>1. Get a sign-in code</legend>
            <label
              >Your email, phone number (+1…) or Slack id (T…:U…) on FocusForge
              <input type="text" name="who" autocomplete="username" required
            /></label>
            <button type="submit">Send me a code</button>
            <p>
              <small
                >The code also appears in your FocusForge inbox (the web chat), so ask the assistant for
                it.</small
              >
            </p>
          </fieldset>
        </form>
        <form method="post" action="${view.actionPath}/approve">
          <fieldset>
            <legend>2. Allow access</legend>
            <p>${view.clientName} asks to:</p>
            ${view.scopes.map(
              (scope) =>
                html`<label
                  ><input type="checkbox" name="scope" value="${scope}" checked />
                  ${SCOPE_TEXT[scope] ?? scope} (<code>${scope}</code>)</label
                >`,
            )}
            <label
              >The 6-digit code you received, or one of your <code>ff_</code> API tokens
              <input type="text" name="code" autocomplete="one-time-code" inputmode="text"
            /></label>
            <button class="allow" type="submit" name="action" value="allow">Allow</button>
            <button type="submit" name="action" value="deny">Deny</button>
          </fieldset>
        </form>
        <p>
          <small
            >You can disconnect this app at any time: <code>focusforge connections revoke</code>, or DELETE
            /api/v1/me/connections/{id}.</small
          >
        </p>
      </body>
    </html>`;

/** A short page for what cannot go on (an expired or unknown sign-in attempt). */
export const problemPage = (text: string) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>FocusForge sign-in</title>
        <style>
          ${style}
        </style>
      </head>
      <body>
        <h1>This sign-in cannot go on</h1>
        <p class="error">${text}</p>
        <p>Go back to the app and start connecting again.</p>
      </body>
    </html>`;
