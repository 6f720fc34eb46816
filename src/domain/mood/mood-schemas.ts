import { z } from 'zod';

const LevelSchema = z.number().int('must be a whole number from 1 to 5').min(1).max(5);

export const MoodTagSchema = z.string().trim().min(1).max(32);

export const LogMoodSchema = z.object({
  mood: LevelSchema.describe('How the person feels: 1 = very low, 3 = okay, 5 = great'),
  energy: LevelSchema.describe('Energy level: 1 = drained, 3 = steady, 5 = buzzing'),
  note: z.string().trim().max(1000).optional().describe('Optional free text in their own words'),
  tags: z.array(MoodTagSchema).max(10).default([]).describe('Short labels such as "slept badly" or "coffee"'),
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When they felt this (ISO 8601); defaults to now, never in the future, at most a year ago'),
});

export const MoodLogSchema = z.object({
  id: z.string(),
  mood: z.number().int(),
  energy: z.number().int(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  at: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});

export const ListMoodsSchema = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Only logs at or after this time (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Only logs at or before this time (ISO 8601)'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('At most this many logs, newest first'),
});

export const GetMoodPatternsSchema = z.object({
  days: z.coerce.number().int().min(7).max(365).default(90).describe('How many days back to look (7-365)'),
});

const AveragesSchema = z.object({
  count: z.number().int().min(0),
  averageMood: z.number().nullable(),
  averageEnergy: z.number().nullable(),
});

export const WeekdaySchema = z.enum([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
export const TimeOfDaySchema = z.enum(['morning', 'afternoon', 'evening', 'night']);

export const MoodPatternsSchema = z.object({
  timezone: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  overall: AveragesSchema,
  byWeekday: z.array(AveragesSchema.extend({ weekday: WeekdaySchema })),
  /** morning 05-12, afternoon 12-17, evening 17-22, night 22-05, in the person's time zone. */
  byTimeOfDay: z.array(AveragesSchema.extend({ timeOfDay: TimeOfDaySchema })),
  completions: z.object({
    /** Completed tasks in the window. */
    total: z.number().int().min(0),
    /** Days with a mood log, split by whether something was completed that day; `count` is days. */
    daysWithCompletions: AveragesSchema,
    daysWithoutCompletions: AveragesSchema,
    /** Per daily mood level (the day's average, rounded): how many completions such days had on average. */
    byMoodLevel: z.array(
      z.object({
        mood: z.number().int().min(1).max(5),
        days: z.number().int().min(0),
        completions: z.number().int().min(0),
        averageCompletions: z.number().nullable(),
      }),
    ),
  }),
  /** A few gentle observations, only when there is enough data to say something. */
  highlights: z.array(z.string()),
});

export type LogMood = z.input<typeof LogMoodSchema>;
export type MoodLog = z.infer<typeof MoodLogSchema>;
export type ListMoods = z.input<typeof ListMoodsSchema>;
export type GetMoodPatterns = z.input<typeof GetMoodPatternsSchema>;
export type MoodPatterns = z.infer<typeof MoodPatternsSchema>;
export type Weekday = z.infer<typeof WeekdaySchema>;
export type TimeOfDay = z.infer<typeof TimeOfDaySchema>;
