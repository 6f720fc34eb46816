import type { OutboundMessage } from '../../domain/index.js';

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const layout = (title: string, body: string, footer: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f5f2;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2430">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;line-height:1.5">
<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(title)}</h1>
${body}
<p style="margin-top:24px;font-size:13px;color:#6b7080">${escapeHtml(footer)}</p>
</div></body></html>`;

const settingsLine =
  'Sent by FocusForge. Change quiet hours, channels or the daily nudge cap any time in your settings.';

/** Subject, plain text and HTML for one message. All person-written text is escaped. */
export const renderEmail = (
  message: OutboundMessage,
  name: string,
  unsubscribeUrl?: string,
): RenderedEmail => {
  const hello = `Hi ${name},`;
  const footer = unsubscribeUrl ? `${settingsLine} Stop these emails: ${unsubscribeUrl}` : settingsLine;
  const title = message.data.taskTitle ? String(message.data.taskTitle) : message.title;
  switch (message.kind) {
    case 'email_verification':
      return {
        subject: message.title,
        text: `${hello}\n\n${message.text}\n`,
        html: layout(
          message.title,
          `<p>${escapeHtml(hello)}</p><p style="font-size:28px;letter-spacing:4px;font-weight:600">${escapeHtml(String(message.data.code ?? ''))}</p><p>${escapeHtml(message.text)}</p>`,
          'Sent by FocusForge because this address was entered in the app.',
        ),
      };
    case 'task_created':
      return {
        subject: `Added: ${title}`,
        text: `${hello}\n\n${message.text}\n\n${footer}`,
        html: layout(
          'Added to your list',
          `<p>${escapeHtml(hello)}</p><p>${escapeHtml(message.text)}</p>`,
          footer,
        ),
      };
    case 'task_completed':
      return {
        subject: `Done: ${title} 🎉`,
        text: `${hello}\n\n${message.text}\n\n${footer}`,
        html: layout('Nice work!', `<p>${escapeHtml(hello)}</p><p>${escapeHtml(message.text)}</p>`, footer),
      };
    case 'daily_digest': {
      const items = message.text.split('\n').filter(Boolean);
      return {
        subject: 'Your day at a glance',
        text: `${hello}\n\n${items.map((i) => `- ${i}`).join('\n')}\n\nPick one. Two minutes counts.\n\n${footer}`,
        html: layout(
          'Your day at a glance',
          `<p>${escapeHtml(hello)}</p><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul><p>Pick one. Two minutes counts.</p>`,
          footer,
        ),
      };
    }
    default:
      return {
        subject: message.title,
        text: `${hello}\n\n${message.text}\n\n${footer}`,
        html: layout(message.title, `<p>${escapeHtml(hello)}</p><p>${escapeHtml(message.text)}</p>`, footer),
      };
  }
};
