export { getMoodPatterns, type GetMoodPatternsDeps } from './get-mood-patterns.js';
export { listMoods } from './list-moods.js';
export { logMood, normalizeTags, type LogMoodDeps } from './log-mood.js';
export { computeMoodPatterns, timeOfDayFor, type MoodPoint } from './mood-patterns.js';
export { createMoodRepo, moodIndexes, type MoodDoc, type MoodRepo } from './mood-repo.js';
export {
  GetMoodPatternsSchema,
  ListMoodsSchema,
  LogMoodSchema,
  MoodLogSchema,
  MoodPatternsSchema,
  MoodTagSchema,
  TimeOfDaySchema,
  WeekdaySchema,
  type GetMoodPatterns,
  type ListMoods,
  type LogMood,
  type MoodLog,
  type MoodPatterns,
  type TimeOfDay,
  type Weekday,
} from './mood-schemas.js';
