export { calendarFeedIndexes, createCalendarFeedRepo, type CalendarFeedRepo } from './calendar-feed-repo.js';
export {
  calendarFeedStatus,
  CalendarFeedStatusSchema,
  calendarOfFeed,
  createCalendarFeed,
  revokeCalendarFeed,
  type Calendar,
  type CalendarEntry,
  type CalendarFeedStatus,
} from './calendar-feed.js';
