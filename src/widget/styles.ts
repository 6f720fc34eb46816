/** The widget's CSS, scoped by its shadow root so the host page's styles neither leak in nor get touched. */
export const widgetStyles = (accent: string): string => `
:host { all: initial; }
* { box-sizing: border-box; }
.root { --accent: ${accent}; --bg: #ffffff; --fg: #1d1d1f; --muted: #555b66; --line: #d5d8de; --bubble: #f1f3f6;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
@media (prefers-color-scheme: dark) {
  .root { --bg: #1c1d21; --fg: #f2f2f4; --muted: #b4b8c2; --line: #3a3d45; --bubble: #2a2c33; }
}
button, textarea, input { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.launcher { display: flex; align-items: center; justify-content: center; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 60px; height: 60px; border-radius: 50%;
  border: none; background: var(--accent); color: #fff; font-size: 26px; box-shadow: 0 6px 20px rgba(0,0,0,.25);
  transition: transform .15s ease; }
.launcher:hover { transform: scale(1.05); }
.launcher .badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 5px; border-radius: 10px;
  background: #b00020; color: #fff; font-size: 12px; line-height: 20px; }
.panel { position: fixed; right: 20px; bottom: 92px; z-index: 2147483001; width: 380px; height: min(620px, calc(100vh - 120px));
  display: flex; flex-direction: column; background: var(--bg); border: 1px solid var(--line); border-radius: 14px;
  box-shadow: 0 12px 40px rgba(0,0,0,.28); overflow: hidden; transition: opacity .18s ease, transform .18s ease; }
.panel[hidden] { display: none; }
header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border-bottom: 1px solid var(--line); }
header h2 { margin: 0; font-size: 16px; flex: 1; }
.points { font-size: 13px; color: var(--muted); }
.icon { background: none; border: 1px solid transparent; border-radius: 8px; min-width: 36px; min-height: 36px; font-size: 18px; }
.icon:hover { border-color: var(--line); }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; }
.msg { max-width: 88%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; }
.msg.user { align-self: flex-end; background: var(--accent); color: #fff; }
.msg.assistant, .msg.notice { align-self: flex-start; background: var(--bubble); }
.msg.notice { border-left: 4px solid var(--accent); }
.msg.error { align-self: stretch; background: #fde7ea; color: #7a0016; }
.msg .who { font-size: 12px; color: var(--muted); display: block; }
.msg.user .who { color: #fff; }
.msg p { margin: 0 0 4px; }
.msg ul { margin: 4px 0; padding-left: 18px; }
.msg li { margin: 2px 0; }
.msg .due { color: var(--muted); font-size: 13px; }
.choices { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.choices button { border: 1px solid var(--accent); background: var(--bg); color: var(--fg); border-radius: 16px;
  padding: 4px 12px; min-height: 32px; }
.choices button:hover { background: var(--accent); color: #fff; }
.celebration { font-weight: 600; }
.typing { color: var(--muted); font-style: italic; }
.typing::after { content: "…"; animation: blink 1s steps(2) infinite; }
@keyframes blink { 50% { opacity: 0; } }
.notices-empty { display: none; }
form { border-top: 1px solid var(--line); padding: 8px; display: flex; flex-direction: column; gap: 6px; }
.proof { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; font-size: 13px; }
.proof[hidden] { display: none; }
.row { display: flex; gap: 6px; align-items: flex-end; }
textarea { flex: 1; resize: none; min-height: 40px; max-height: 120px; padding: 8px 10px; border-radius: 10px; border: 1px solid var(--line); background: var(--bg); }
.send, .stop { min-height: 40px; padding: 0 14px; border-radius: 10px; border: none; background: var(--accent); color: #fff; }
.stop { background: #444a55; }
.stop[hidden], .send[hidden] { display: none; }
.mode { font-size: 12px; color: var(--muted); }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; border: none; }
  .launcher { right: 14px; bottom: 14px; }
}
@media (prefers-reduced-motion: reduce) {
  .launcher, .panel { transition: none; }
  .launcher:hover { transform: none; }
  .typing::after { animation: none; }
}
`;
