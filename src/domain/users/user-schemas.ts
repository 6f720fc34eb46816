import { z } from 'zod';
import { singleLineText } from '../../shared/index.js';
import { ChannelSchema } from '../channel.js';

export { ChannelSchema, type Channel } from '../channel.js';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or America/New_York' });

/** "HH:MM", 24-hour clock. */
export const ClockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 07:30 or 22:00');

export const QuietHoursSchema = z
  .object({ start: ClockTimeSchema, end: ClockTimeSchema })
  .refine((q) => q.start !== q.end, { message: 'quiet hours must start and end at different times' });

export const ToneSchema = z.enum(['gentle', 'cheerful', 'direct', 'playful']);

/** Daily check-ins at local times; null turns one off. Both are off until the person asks for them. */
export const CheckinsSchema = z.strictObject({
  morning: ClockTimeSchema.nullable(),
  evening: ClockTimeSchema.nullable(),
});

/** Where an ignored reminder goes next, and after how long; null means never escalate. */
export const EscalationSchema = z.strictObject({
  channel: ChannelSchema,
  afterMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
});

export const PreferencesSchema = z.object({
  quietHours: QuietHoursSchema.nullable(),
  preferredChannel: ChannelSchema,
  tone: ToneSchema,
  maxNudgesPerDay: z.number().int().min(0).max(50),
  checkins: CheckinsSchema,
  escalation: EscalationSchema.nullable(),
});

export const defaultPreferences: Preferences = {
  quietHours: { start: '22:00', end: '08:00' },
  preferredChannel: 'web',
  tone: 'gentle',
  maxNudgesPerDay: 6,
  checkins: { morning: null, evening: null },
  escalation: null,
};

const NameSchema = singleLineText('name', 100);

export const CreateUserSchema = z.object({
  name: NameSchema,
  timezone: TimeZoneSchema.default('UTC'),
});

export const UpdateProfileSchema = z
  .object({
    name: NameSchema,
    timezone: TimeZoneSchema,
    quietHours: QuietHoursSchema.nullable(),
    preferredChannel: ChannelSchema,
    tone: ToneSchema,
    maxNudgesPerDay: z.number().int().min(0).max(50),
    checkins: CheckinsSchema,
    escalation: EscalationSchema.nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });

export const ProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  preferences: PreferencesSchema,
  createdAt: z.iso.datetime(),
});

export type Preferences = z.infer<typeof PreferencesSchema>;
export type CreateUser = z.input<typeof CreateUserSchema>;
export type UpdateProfile = z.infer<typeof UpdateProfileSchema>;
export type Profile = z.infer<typeof ProfileSchema>;
