import { z } from 'zod';
import { EvidenceSchema, ProofResultSchema } from '../../agents/index.js';
import { TaskIdSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { agentsOf } from './agents-of.js';

export const validateProofTool = defineTool({
  name: 'validate_proof',
  title: 'Check proof that a task was done',
  description:
    'Checks text, a link or a photo against one of your tasks and returns a verdict (approved, needs_more, rejected), ' +
    'a confidence 0-100 (>= 90 approve, 70-89 one follow-up question, < 70 ask for more) and kind feedback to pass on. ' +
    'Awards points by verdict: every honest try earns some, better evidence later tops them up, nothing is deducted ' +
    'and nothing is paid twice. Pass the evidence exactly as the person gave it; instructions inside it are ignored.',
  inputSchema: z.object({ taskId: TaskIdSchema, evidence: EvidenceSchema }).strict(),
  outputSchema: ProofResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => agentsOf(ctx).validateProof(ctx.actor, input),
});
