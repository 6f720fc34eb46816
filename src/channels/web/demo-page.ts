const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The page `/` serves: what FocusForge is, and the widget embedded with the one line a site owner copies. */
export const demoPage = (origin: string): string => {
  const embed = `<script src="${escapeAttr(origin)}/widget.js" defer></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FocusForge — chat demo</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5; }
  body { margin: 0 auto; max-width: 44rem; padding: 2rem 1.25rem 8rem; }
  code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
  pre { background: rgba(127,127,127,.15); padding: .75rem 1rem; border-radius: .5rem; overflow-x: auto; }
  a { color: inherit; }
</style>
</head>
<body>
<header><h1>FocusForge</h1></header>
<main>
  <p>Your assistant is running. Open the chat with the button in the corner (or Tab to it) and try
  <q>remind me to call mom tomorrow at 5pm</q>, <q>what's on my list?</q> or <q>break down clean the kitchen</q>.</p>
  <p>Without an LLM configured the assistant answers in basic mode: rule-based, private and offline.</p>
  <h2>Add it to your site</h2>
  <p>One line, anywhere in the page; allow your site with <code>CHAT_ALLOWED_ORIGINS</code>:</p>
  <pre><code>${escapeAttr(embed)}</code></pre>
  <p>See <code>docs/web-chat.md</code> for signed-in users, colours and the API.</p>
</main>
${embed}
</body>
</html>
`;
};
