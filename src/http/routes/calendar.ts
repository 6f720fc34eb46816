import { createRoute, z } from '@hono/zod-openapi';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { Hono } from 'hono';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import {
  calendarFeedStatus,
  CalendarFeedStatusSchema,
  calendarOfFeed,
  createCalendarFeed,
  revokeCalendarFeed,
  type Calendar,
  type CalendarEntry,
  type Domain,
} from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { errorResponses } from '../errors.js';
import { createRouter, json, secured } from '../openapi.js';
import { selfOrigin, type ListenAddress } from '../self-origin.js';

/** Where feed URLs point: PUBLIC_URL (with any path it has), else this server's own origin. */
export type FeedBase = { publicUrl?: string | undefined; listen: ListenAddress };

const FEED_PATH = '/calendar/';

const CreatedFeedSchema = z.object({
  url: z.string().describe('Subscribe to this URL in your calendar app. It is shown once; keep it private.'),
  createdAt: z.iso.datetime(),
});

/** /me/calendar-feed: make (or remake) the person's private calendar link, see whether one exists, revoke it. */
export const calendarFeedRoutes = (domain: Domain, base: FeedBase) => {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/me/calendar-feed',
      tags: ['Profile'],
      summary: 'Whether your private calendar feed is on (the link itself is shown only when made)',
      security: secured,
      responses: { 200: json(CalendarFeedStatusSchema, 'Feed status'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await calendarFeedStatus(domain, c.var.userId), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/calendar-feed',
      tags: ['Profile'],
      summary:
        'Make a private calendar (ICS) link for Google, Apple or Outlook calendar; an older link stops working',
      security: secured,
      responses: { 201: json(CreatedFeedSchema, 'The new link'), 401: errorResponses[401] },
    }),
    async (c) => {
      const feed = await createCalendarFeed(domain, { userId: c.var.userId, via: 'api' });
      const root = base.publicUrl
        ? base.publicUrl.replace(/\/+$/, '')
        : selfOrigin(c, undefined, base.listen);
      return c.json({ url: `${root}${FEED_PATH}${feed.secret}.ics`, createdAt: feed.createdAt }, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/me/calendar-feed',
      tags: ['Profile'],
      summary: 'Turn off your calendar link: calendars subscribed to it stop getting updates',
      security: secured,
      responses: { 204: { description: 'Turned off' }, 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      if (!(await revokeCalendarFeed(domain, { userId: c.var.userId, via: 'api' }))) {
        throw new AppError('NOT_FOUND', 'You have no calendar link to turn off.');
      }
      return c.body(null, 204);
    },
  );
  return router;
};

/** Calendar apps poll a feed; this is how often we suggest (they mostly choose their own). */
const REFRESH_MINUTES = 30;

const addEntry = (calendar: ReturnType<typeof ical>, entry: CalendarEntry, zone: string) => {
  const local = (at: Date) => DateTime.fromJSDate(at, { zone });
  const stamp = DateTime.fromJSDate(entry.updatedAt, { zone: 'utc' });
  const id = `${entry.id}@focusforge`;
  if (entry.kind === 'focus') {
    calendar.createEvent({
      id,
      stamp,
      timezone: zone,
      start: local(entry.start),
      end: local(entry.end),
      summary: entry.title,
    });
    return;
  }
  const summary = entry.done ? `✓ ${entry.title}` : entry.title;
  const common = { id, stamp, summary, description: entry.notes, repeating: entry.rrule };
  if (entry.date) {
    calendar.createEvent({ ...common, allDay: true, start: DateTime.fromISO(entry.date, { zone }) });
  } else if (entry.at) {
    const start = local(entry.at);
    calendar.createEvent({ ...common, timezone: zone, start, end: start.plus({ minutes: entry.minutes }) });
  }
};

/**
 * The feed as iCalendar text (RFC 5545): times in the person's zone, so repeats keep the clock across DST. The
 * zone's VTIMEZONE comes from the time-zone library and goes in before the events. (Handing the zone to
 * ical-generator's calendar instead would also write DTSTAMP in local time, which RFC 5545 requires in UTC.)
 */
export const renderCalendar = (feed: Calendar): string => {
  const calendar = ical({
    name: `FocusForge: ${feed.name}`,
    prodId: { company: 'FocusForge', product: 'tasks', language: 'EN' },
    ttl: REFRESH_MINUTES * 60,
  });
  for (const entry of feed.entries) addEntry(calendar, entry, feed.timezone);
  const text = calendar.toString();
  const zone = (getVtimezoneComponent(feed.timezone) ?? '')
    .replace(/\r?\n/g, '\r\n')
    .replace(/(\r\n)?$/, '\r\n');
  // Calendar properties come before the first component (RFC 5545 §3.4); X-WR-TIMEZONE is what Google reads.
  const at = text.search(/BEGIN:VEVENT|END:VCALENDAR/);
  return `${text.slice(0, at)}X-WR-TIMEZONE:${feed.timezone}\r\n${zone.trim() ? zone : ''}${text.slice(at)}`;
};

/**
 * GET /calendar/{secret}.ics: the feed itself. No bearer token (calendar apps cannot send one): the secret in the
 * URL is the credential, so an unknown, revoked or malformed one gets the same 404.
 */
export const calendarFeedFileRoutes = (domain: Domain) => {
  const app = new Hono();
  app.get(`${FEED_PATH}:file{.+\\.ics}`, async (c) => {
    const secret = c.req.param('file').slice(0, -'.ics'.length);
    const feed = await calendarOfFeed(domain, secret);
    if (!feed)
      throw new AppError('NOT_FOUND', 'There is no calendar at this address (it may have been turned off).');
    return c.body(renderCalendar(feed), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, max-age=300',
      // The URL is a secret: keep it out of referrers and search engines.
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    });
  });
  return app;
};
