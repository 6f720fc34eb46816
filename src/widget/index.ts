// The one-line embed: <script src="https://focus.example.com/widget.js" defer></script>
// Optional attributes: data-title, data-accent, data-open="true", and for the host site's signed-in users either
// data-user-id + data-user-ts + data-user-signature (hex HMAC-SHA256 of `id.ts` with WIDGET_SECRET, ts in seconds)
// or data-user-jwt (HS256, with exp).
import type { Identity } from './client.js';
import { mountWidget } from './widget.js';

declare global {
  interface Window {
    FocusForge?: ReturnType<typeof mountWidget>;
  }
}

const script = document.currentScript as HTMLScriptElement | null;

const boot = () => {
  if (window.FocusForge) return; // embedded twice: one widget
  const src = script?.src ?? '';
  const base = src ? new URL(src, window.location.href).origin : window.location.origin;
  const data = script?.dataset ?? {};
  const identity: Identity | undefined = data.userJwt
    ? { jwt: data.userJwt }
    : data.userId && data.userSignature
      ? { userId: data.userId, ts: Number(data.userTs), signature: data.userSignature }
      : undefined;
  const accent = /^#[0-9a-fA-F]{3,8}$/.test(data.accent ?? '') ? data.accent! : '#4b3fbf';
  window.FocusForge = mountWidget({
    base,
    identity,
    title: data.title || 'FocusForge',
    accent,
    open: data.open === 'true',
  });
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
