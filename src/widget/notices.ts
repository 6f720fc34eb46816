import { ChatError, type ChatClient, type InboxNotice } from './client.js';
import { renderNotice, type PartHandlers } from './parts.js';
import type { View } from './view.js';

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/** Reminders pushed by the server: shown once each, counted on the launcher's badge while the panel is closed. */
export const createNoticeFeed = (view: View, client: ChatClient, handlers: PartHandlers) => {
  const unread = new Set<string>();
  const shownNotices = new Set<string>();

  const showNotice = (notice: InboxNotice) => {
    if (shownNotices.has(notice.id)) return;
    shownNotices.add(notice.id);
    view.log.append(renderNotice(notice, handlers));
    view.scrollToEnd();
    if (view.isOpen()) {
      view.announce(`Reminder: ${notice.title}. ${notice.text}`);
      void client.markRead(notice.id).catch(() => undefined); // unread again next visit at worst
    } else {
      unread.add(notice.id);
      view.setBadge(unread.size);
    }
  };

  return {
    /** Keeps the notification stream open, reconnecting with backoff; ends only with the page. */
    listen: async () => {
      for (let attempt = 0; ; attempt++) {
        const started = Date.now();
        try {
          await client.events(new AbortController().signal, showNotice);
        } catch (error) {
          if (error instanceof ChatError && (error.status === 403 || error.status === 404)) return;
        }
        if (Date.now() - started > 30_000) attempt = 0;
        await sleep(Math.min(30_000, 1_000 * 2 ** attempt));
      }
    },
    /** The panel opened: everything shown counts as read. */
    markAllRead: () => {
      for (const id of unread) void client.markRead(id).catch(() => undefined); // unread again next visit at worst
      unread.clear();
      view.setBadge(0);
    },
  };
};
