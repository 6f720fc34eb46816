import { z } from 'zod';
import type { ToolContext, ToolElicitation } from './tool.js';

/** A yes/no form: accepting it with the box ticked (the default) is the yes. */
const ConfirmFormSchema = z.object({
  confirm: z.boolean().default(true).describe('Yes, go ahead'),
});

/** Asks "are you sure?" before a tool that removes, spends or changes many things; anything but a yes does nothing. */
export const confirmFirst = <Input>(
  question: (ctx: ToolContext, input: Input) => Promise<string>,
): ToolElicitation<Input> => ({
  question,
  form: ConfirmFormSchema,
  apply: (input, answer) => (answer?.confirm === false || answer === undefined ? null : input),
});

const LEVEL_TITLES = ['1 · very low', '2 · low', '3 · okay', '4 · good', '5 · great'];

const Level = z.enum(['1', '2', '3', '4', '5']).optional();

/** Checks the answer of the mood and energy pickers; both may be skipped. */
export const MoodEnergyFormSchema = z.object({ mood: Level, energy: Level });

/** A 1-5 single-select with titled choices, which a client shows as one row of buttons. */
const levelPicker = (title: string) => ({
  type: 'string',
  title,
  oneOf: LEVEL_TITLES.map((label, i) => ({ const: String(i + 1), title: label })),
});

/** The pickers as sent: titled choices are beyond what zod's JSON Schema says, so they are written out. */
export const MOOD_ENERGY_FORM = {
  type: 'object',
  properties: { mood: levelPicker('Mood right now'), energy: levelPicker('Energy right now') },
};

/** "3" → 3; a skipped picker stays unset. */
export const levelOf = (value: unknown): number | undefined =>
  typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : undefined;
