import { CHANNEL_BUDGETS } from '../budgets.js';
import type { ChannelAdapter } from '../contract.js';
import { webChatRoutes, type WebRoutesDeps } from './web-routes.js';

/**
 * The web chat: the widget and its routes, which stream each turn straight from the planner (a browser waits for the
 * answer, so nothing is queued), and the in-app inbox that reminders and check-ins land in. `routes` is absent when
 * the chat is not served (only the inbox sender then).
 */
export const createWebChannel = (
  deps: Pick<WebRoutesDeps, 'inbox'> & { routes?: WebRoutesDeps | undefined },
): ChannelAdapter => ({
  channel: 'web',
  ...(deps.routes ? { routes: webChatRoutes(deps.routes) } : {}),
  sender: deps.inbox.sender,
  budget: CHANNEL_BUDGETS.web,
});
