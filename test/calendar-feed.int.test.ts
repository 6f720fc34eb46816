import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { useTestEnv, type TestUser } from './support/test-env.js';

// A person's private calendar feed (issue 22): made and revoked through the API, read by calendar apps without a
// bearer token, and parsed back here by an iCalendar parser (ical.js) to check times, time zone and repeats.

const env = useTestEnv();

const makeFeed = async (user: TestUser) => {
  const res = await env().call(user, 'POST', '/api/v1/me/calendar-feed');
  expect(res.status).toBe(201);
  const url = new URL(res.body.url as string);
  expect(url.pathname).toMatch(/^\/calendar\/ffcal_[A-Za-z0-9_-]{43}\.ics$/);
  return url.pathname;
};

const fetchFeed = (path: string) => env().app.request(path);

const eventsOf = async (path: string) => {
  const res = await fetchFeed(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  const text = await res.text();
  // Every DTSTAMP in UTC, as RFC 5545 requires (a floating one makes strict clients drop the event).
  expect(text.match(/^DTSTAMP:.*$/gm)?.every((line) => /^DTSTAMP:\d{8}T\d{6}Z\r?$/.test(line))).toBe(true);
  const calendar = new ICAL.Component(ICAL.parse(text));
  // The zone's definition travels with the feed, so the parser resolves TZID without outside data.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
};

/** An event's start as the person's wall clock: "2026-12-10 14:00" (or the day, for all-day events). */
const wallClock = (time: ICAL.Time) =>
  time.isDate
    ? time.toString()
    : `${time.toString().slice(0, 10)} ${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

describe('calendar feed', () => {
  it('holds dated tasks and focus sessions in the person’s zone, with repeats that keep the clock across DST', async () => {
    const ada = await env().newUser('Ada', 'Europe/Berlin');
    const bo = await env().newUser('Bo', 'Europe/Berlin');
    const add = async (user: TestUser, task: Record<string, unknown>) => {
      const res = await env().call(user, 'POST', '/api/v1/tasks', task);
      expect(res.status).toBe(201);
      return res.body as { id: string };
    };
    const dentist = await add(ada, { title: 'Dentist', dueAt: '2027-01-12T14:00', estimateMinutes: 45 });
    const review = await add(ada, {
      title: 'Weekly review',
      dueAt: '2027-03-22T09:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO',
    });
    const bins = await add(ada, { title: 'Bins out', dueDate: '2027-01-14' });
    await add(ada, { title: 'Someday: learn piano' });
    await add(bo, { title: 'Bo private appointment', dueAt: '2027-01-12T10:00' });
    expect(
      (await env().call(ada, 'POST', '/api/v1/focus-sessions', { plannedMinutes: 25, label: 'thesis' }))
        .status,
    ).toBe(201);

    const events = await eventsOf(await makeFeed(ada));
    const byTitle = new Map(events.map((event) => [event.summary, event]));
    expect([...byTitle.keys()].sort()).toEqual(['Bins out', 'Dentist', 'Focus: thesis', 'Weekly review']);

    const dentistEvent = byTitle.get('Dentist')!;
    expect(dentistEvent.uid).toBe(`${dentist.id}@focusforge`);
    expect(dentistEvent.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(wallClock(dentistEvent.startDate)).toBe('2027-01-12 14:00');
    expect(dentistEvent.startDate.toJSDate().toISOString()).toBe('2027-01-12T13:00:00.000Z');
    expect(dentistEvent.duration.toSeconds()).toBe(45 * 60);

    expect(byTitle.get('Bins out')!.uid).toBe(`${bins.id}@focusforge`);
    expect(byTitle.get('Bins out')!.startDate.isDate).toBe(true);
    expect(wallClock(byTitle.get('Bins out')!.startDate)).toBe('2027-01-14');

    // Mondays at 09:00 Berlin time, before and after the clocks change on 28 March 2027.
    const weekly = byTitle.get('Weekly review')!;
    expect(weekly.uid).toBe(`${review.id}@focusforge`);
    expect(weekly.isRecurring()).toBe(true);
    const next = weekly.iterator();
    const starts = [next.next(), next.next(), next.next()].map((time) => time!.toJSDate().toISOString());
    expect(starts).toEqual([
      '2027-03-22T08:00:00.000Z',
      '2027-03-29T07:00:00.000Z',
      '2027-04-05T07:00:00.000Z',
    ]);
  });

  it('shows what the person finished this month with a tick, and nothing deleted', async () => {
    const ada = await env().newUser('Ada', 'UTC');
    const done = (
      await env().call(ada, 'POST', '/api/v1/tasks', { title: 'Pay rent', dueDate: '2026-12-01' })
    ).body;
    expect((await env().call(ada, 'POST', `/api/v1/tasks/${done.id}/complete`)).status).toBe(200);
    const gone = (
      await env().call(ada, 'POST', '/api/v1/tasks', { title: 'Old plan', dueDate: '2026-12-02' })
    ).body;
    expect((await env().call(ada, 'DELETE', `/api/v1/tasks/${gone.id}`)).status).toBeLessThan(300);
    const events = await eventsOf(await makeFeed(ada));
    expect(events.map((event) => event.summary)).toEqual(['✓ Pay rent']);
  });

  it('a new link replaces the old one, and turning it off ends it; unknown links get 404', async () => {
    const ada = await env().newUser('Ada');
    expect((await env().call(ada, 'GET', '/api/v1/me/calendar-feed')).body).toEqual({
      active: false,
      createdAt: null,
    });
    const first = await makeFeed(ada);
    const second = await makeFeed(ada);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    expect((await env().call(ada, 'GET', '/api/v1/me/calendar-feed')).body).toMatchObject({ active: true });

    expect((await env().call(ada, 'DELETE', '/api/v1/me/calendar-feed')).status).toBe(204);
    expect((await fetchFeed(second)).status).toBe(404);
    expect((await env().call(ada, 'DELETE', '/api/v1/me/calendar-feed')).status).toBe(404);

    for (const path of [
      '/calendar/ffcal_short.ics',
      `/calendar/ffcal_${'A'.repeat(43)}.ics`,
      '/calendar/..%2f.ics',
    ]) {
      expect((await fetchFeed(path)).status).toBe(404);
    }
    expect((await env().call(null, 'POST', '/api/v1/me/calendar-feed')).status).toBe(401);
  });
});

describe('calendar feed under concurrency', () => {
  it('first links made at once all succeed, and exactly one of them works afterwards', async () => {
    const ada = await env().newUser('Ada');
    const made = await Promise.all(
      Array.from({ length: 6 }, () => env().call(ada, 'POST', '/api/v1/me/calendar-feed')),
    );
    expect(made.map((res) => res.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const working = await Promise.all(
      made.map(async (res) => (await fetchFeed(new URL(res.body.url as string).pathname)).status),
    );
    expect(working.filter((status) => status === 200)).toHaveLength(1);
    expect(working.filter((status) => status === 404)).toHaveLength(5);
  });
});
