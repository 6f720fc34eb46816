export { calendarFeedIndexes, createCalendarFeedRepo, type CalendarFeedRepo } from './calendar-feed-repo.js';
export {
  calendarFeedStatus,
  CalendarFeedStatusSchema,
  calendarOfFeed,
  calendarOfUser,
  createCalendarFeed,
  revokeCalendarFeed,
  type Calendar,
  type CalendarEntry,
  type CalendarFeedStatus,
  type CalendarFeedDeps,
} from './calendar-feed.js';
