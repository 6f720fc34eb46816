import { DateTime } from 'luxon';
import type { OutboundMessage } from '../notifications/notification-schemas.js';

const reminderActions = [
  { id: 'done', label: 'Done' },
  { id: 'snooze_15', label: 'Snooze 15 min' },
  { id: 'break_down', label: 'Break it down' },
];

const inWords = (minutes: number): string => {
  if (minutes === 0) return 'now';
  if (minutes < 60) return `in ${minutes} min`;
  if (minutes < 24 * 60) {
    const hours = Math.round((minutes / 60) * 10) / 10;
    return `in ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  const days = Math.round(minutes / (24 * 60));
  return days === 1 ? 'tomorrow' : `in ${days} days`;
};

const localTime = (at: Date, timeZone: string): string =>
  DateTime.fromJSDate(at, { zone: timeZone }).toFormat('ccc h:mm a');

/** A reminder: what, when, and one tiny way in. Never guilt. */
export const reminderMessage = (
  task: { _id: string; title: string },
  dueAt: Date,
  offsetMinutes: number,
  timeZone: string,
): OutboundMessage => ({
  kind: 'reminder',
  title: `Reminder: ${task.title}`.slice(0, 120),
  text: `⏰ "${task.title}" is due ${inWords(offsetMinutes)} (${localTime(dueAt, timeZone)}). Want to start with just two minutes?`,
  taskId: task._id,
  actions: reminderActions,
  data: { taskTitle: task.title, due: localTime(dueAt, timeZone) },
});

/** The person could not be reminded on time (the system was down); ask rather than pretend. */
export const missedReminderMessage = (
  task: { _id: string; title: string },
  dueAt: Date,
  timeZone: string,
): OutboundMessage => ({
  kind: 'reminder',
  title: `Missed reminder: ${task.title}`.slice(0, 120),
  text: `I couldn't reach you earlier about "${task.title}" (due ${localTime(dueAt, timeZone)}). Still want to do it? Done, snooze or reschedule: all fine.`,
  taskId: task._id,
  actions: reminderActions,
  data: { taskTitle: task.title, due: localTime(dueAt, timeZone) },
});

export const snoozedReminderMessage = (task: { _id: string; title: string }): OutboundMessage => ({
  kind: 'reminder',
  title: `Back to: ${task.title}`.slice(0, 120),
  text: `👋 Snooze is over: "${task.title}". What's the smallest next step?`,
  taskId: task._id,
  actions: reminderActions,
  data: { taskTitle: task.title },
});

export const escalationMessage = (task: { _id: string; title: string }): OutboundMessage => ({
  kind: 'escalation',
  title: `Still on your list: ${task.title}`.slice(0, 120),
  text: `Gentle nudge from FocusForge: "${task.title}" is still open. Two minutes is enough to start.`,
  taskId: task._id,
  actions: reminderActions,
  data: { taskTitle: task.title },
});

/** A focus block's end; `data` keeps its length, so "Another round" repeats it. */
export const focusEndMessage = (label: string | null, plannedMinutes: number): OutboundMessage => ({
  kind: 'focus_end',
  title: 'Focus block finished',
  text: `⏱️ Time! ${label ? `How did "${label}" go?` : 'How did that block go?'} Mark it done, or keep going for another round.`,
  taskId: null,
  actions: [
    { id: 'focus_complete', label: 'Done' },
    { id: 'focus_again', label: 'Another round' },
  ],
  data: { plannedMinutes },
});

export const checkbackMessage = (task: { _id: string; title: string }): OutboundMessage => ({
  kind: 'start_checkback',
  title: `Checking in: ${task.title}`.slice(0, 120),
  text: `How's the first step of "${task.title}" going? Done, stuck, or need a smaller step?`,
  taskId: task._id,
  actions: [
    { id: 'done', label: 'Done' },
    { id: 'break_down', label: 'Smaller step' },
  ],
  data: { taskTitle: task.title },
});

export const checkinMessage = (which: 'morning' | 'evening'): OutboundMessage =>
  which === 'morning'
    ? {
        kind: 'morning_plan',
        title: 'Good morning',
        text: '☀️ Morning! Want to pick up to three things for today? Tell me how your energy is and I’ll suggest some.',
        taskId: null,
        actions: [{ id: 'plan_day', label: 'Plan my day' }],
        data: {},
      }
    : {
        kind: 'evening_review',
        title: 'Evening review',
        text: '🌙 Quick look back? Tell me one thing that went okay today; anything unfinished can move to tomorrow.',
        taskId: null,
        actions: [{ id: 'evening_review', label: 'Review my day' }],
        data: {},
      };
