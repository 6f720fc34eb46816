import type { Action, InboxNotice, UiPart } from './client.js';
import { el } from './dom.js';

type Task = { id: string; title: string; status: string; due: string | null; estimateMinutes: number | null };
type Choice = { label: string; action: Action };

export type PartHandlers = {
  /** A button of a choices part (or a reminder) was pressed. */
  onAction: (label: string, action: Action) => void;
  onText: (text: string) => void;
  /** "Add proof" on a task. */
  onProof: (task: { id: string; title: string }) => void;
  /** Points from a celebration, for the header. */
  onPoints: (balance: number) => void;
};

const formatDue = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, {
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      });
};

/** The buttons every open task gets; they send the planner the same actions its own choices would. */
const taskButtons = (task: Task, handlers: PartHandlers) => {
  const group = el('div', { class: 'choices', role: 'group', 'aria-label': `Actions for ${task.title}` });
  const actions: [string, Action][] = [
    ['Done', { type: 'complete_task', taskId: task.id }],
    ['Snooze 15 min', { type: 'snooze_task', taskId: task.id, minutes: 15 }],
    ['Break it down', { type: 'break_down', taskId: task.id }],
  ];
  for (const [label, action] of actions) {
    const button = el('button', { type: 'button' }, label);
    button.addEventListener('click', () => handlers.onAction(`${label}: ${task.title}`, action));
    group.append(button);
  }
  const proof = el('button', { type: 'button' }, 'Add proof');
  proof.addEventListener('click', () => handlers.onProof({ id: task.id, title: task.title }));
  group.append(proof);
  return group;
};

const taskList = (data: { title: string; tasks: Task[] }, handlers: PartHandlers) => {
  const list = el('ul');
  for (const task of data.tasks) {
    const item = el('li', {}, task.status === 'done' ? `✓ ${task.title}` : task.title);
    if (task.due) item.append(' ', el('span', { class: 'due' }, `· ${formatDue(task.due)}`));
    if (task.estimateMinutes)
      item.append(' ', el('span', { class: 'due' }, `· ~${task.estimateMinutes} min`));
    if (task.status !== 'done') item.append(taskButtons(task, handlers));
    list.append(item);
  }
  return el('div', {}, el('p', {}, data.title), list);
};

export const choiceButtons = (
  choices: { label: string; action?: Action; text?: string }[],
  handlers: PartHandlers,
) => {
  const group = el('div', { class: 'choices', role: 'group' });
  for (const choice of choices) {
    const button = el('button', { type: 'button' }, choice.label);
    button.addEventListener('click', () => {
      if (choice.action) handlers.onAction(choice.label, choice.action);
      else handlers.onText(choice.text ?? choice.label);
    });
    group.append(button);
  }
  return group;
};

/** Renders one UI message part (text or one of our data parts); null for parts the widget does not show. */
export const renderPart = (part: UiPart, handlers: PartHandlers): HTMLElement | null => {
  switch (part.type) {
    case 'text':
      return el('p', {}, part.text ?? '');
    case 'data-task-list':
      return taskList(part.data as { title: string; tasks: Task[] }, handlers);
    case 'data-choices': {
      const data = part.data as { prompt: string; choices: Choice[] };
      const group = choiceButtons(data.choices, handlers);
      if (data.prompt) group.setAttribute('aria-label', data.prompt);
      return el('div', {}, ...(data.prompt ? [el('p', {}, data.prompt)] : []), group);
    }
    case 'data-celebration': {
      const data = part.data as { text: string; pointsAwarded: number; balance: number; streakDays: number };
      handlers.onPoints(data.balance);
      const streak = data.streakDays > 0 ? ` · ${data.streakDays}-day streak` : '';
      return el(
        'div',
        { class: 'celebration' },
        el('p', {}, data.text),
        el('p', { class: 'due' }, `+${data.pointsAwarded} points · ${data.balance} in total${streak}`),
      );
    }
    default:
      return null;
  }
};

/** Plain words of a message, for the screen-reader announcement. */
export const partText = (part: UiPart): string => {
  if (part.type === 'text') return part.text ?? '';
  const data = part.data as Record<string, unknown> | undefined;
  if (part.type === 'data-task-list')
    return `${String(data?.title ?? '')}: ${((data?.tasks as Task[] | undefined) ?? []).map((t) => t.title).join(', ')}`;
  if (part.type === 'data-choices')
    return `${String(data?.prompt ?? '')} Options: ${((data?.choices as Choice[] | undefined) ?? []).map((c) => c.label).join(', ')}`;
  if (part.type === 'data-celebration')
    return `${String(data?.text ?? '')} +${String(data?.pointsAwarded ?? 0)} points`;
  return '';
};

export const renderNotice = (notice: InboxNotice, handlers: PartHandlers): HTMLElement =>
  el(
    'div',
    { class: 'msg notice', 'data-notice': notice.id },
    el('span', { class: 'who' }, 'Reminder'),
    el('p', {}, el('strong', {}, notice.title)),
    el('p', {}, notice.text),
    ...(notice.choices.length > 0 ? [choiceButtons(notice.choices, handlers)] : []),
  );
