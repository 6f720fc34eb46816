import type { PlannedCall, ToolOutcome } from '../graph/state.js';

let counter = 0;

/**
 * Calls that follow from a result without another decision: an approved proof finishes its task (the verdict is
 * the tool's, made from the evidence; instructions inside the evidence never reach an approval).
 */
export const followUpsOf = (outcome: ToolOutcome): PlannedCall[] => {
  if (!outcome.ok || outcome.name !== 'validate_proof') return [];
  const data = outcome.data as { verdict?: unknown; taskId?: unknown } | null;
  if (data?.verdict !== 'approved' || typeof data.taskId !== 'string') return [];
  return [
    { id: `followup_${(++counter).toString(36)}`, name: 'complete_task', args: { taskId: data.taskId } },
  ];
};
