import { analyzeTaskTool } from './agents/analyze-task.js';
import { memoryTools } from './memory/index.js';
import { breakDownTaskTool } from './agents/break-down-task.js';
import { getMotivationTool } from './agents/get-motivation.js';
import { planDayTool } from './agents/plan-day.js';
import { validateProofTool } from './agents/validate-proof.js';
import { createRewardTool } from './gamification/create-reward.js';
import { getPointsTool } from './gamification/get-points.js';
import { listRedemptionsTool } from './gamification/list-redemptions.js';
import { listRewardsTool } from './gamification/list-rewards.js';
import { redeemRewardTool } from './gamification/redeem-reward.js';
import { updateRewardTool } from './gamification/update-reward.js';
import { endFocusSessionTool } from './focus/end-focus-session.js';
import { listFocusSessionsTool } from './focus/list-focus-sessions.js';
import { startFocusSessionTool } from './focus/start-focus-session.js';
import { getMoodPatternsTool } from './mood/get-mood-patterns.js';
import { listMoodsTool } from './mood/list-moods.js';
import { logMoodTool } from './mood/log-mood.js';
import { getProfileTool } from './profile/get-profile.js';
import { updateProfileTool } from './profile/update-profile.js';
import { breakDownTaskPrompt } from './prompts/break-down-task.js';
import { eveningReviewPrompt } from './prompts/evening-review.js';
import { freshStartPrompt } from './prompts/fresh-start.js';
import { planMyDayPrompt } from './prompts/plan-my-day.js';
import { pointsResource } from './resources/points.js';
import { profileResource } from './resources/profile.js';
import { recentMoodResource } from './resources/recent-mood.js';
import { taskResource } from './resources/task.js';
import { todayResource } from './resources/today.js';
import type {
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
} from './resource-prompt-definitions.js';
import { completeTaskTool } from './tasks/complete-task.js';
import { createTaskTool } from './tasks/create-task.js';
import { createTasksTool } from './tasks/create-tasks.js';
import { deleteTaskTool } from './tasks/delete-task.js';
import { freshStartTool } from './tasks/fresh-start.js';
import { getTaskTool } from './tasks/get-task.js';
import { listTasksTool } from './tasks/list-tasks.js';
import { reopenTaskTool } from './tasks/reopen-task.js';
import { reorderSubtasksTool } from './tasks/reorder-subtasks.js';
import { restoreTaskTool } from './tasks/restore-task.js';
import { updateTaskTool } from './tasks/update-task.js';
import { reviewDayTool } from './tasks/review-day.js';
import { snoozeTaskTool } from './tasks/snooze-task.js';
import { startTaskTool } from './tasks/start-task.js';
import { suggestNextTaskTool } from './tasks/suggest-next-task.js';
import type { ToolDefinition } from './tool.js';

/** The one tool registry: served over MCP (stdio, HTTP, in process) and, through that, used by the planner. */
export const tools: readonly ToolDefinition[] = [
  // tasks, steps, recurrence, reminders, fresh start
  createTaskTool,
  createTasksTool,
  listTasksTool,
  getTaskTool,
  updateTaskTool,
  completeTaskTool,
  reopenTaskTool,
  deleteTaskTool,
  restoreTaskTool,
  reorderSubtasksTool,
  freshStartTool,
  // conversation flows: what now, start mode, snooze, evening review
  suggestNextTaskTool,
  startTaskTool,
  snoozeTaskTool,
  reviewDayTool,
  // mood and patterns
  logMoodTool,
  listMoodsTool,
  getMoodPatternsTool,
  // points, streak, rewards
  getPointsTool,
  listRewardsTool,
  createRewardTool,
  updateRewardTool,
  redeemRewardTool,
  listRedemptionsTool,
  // focus sessions
  startFocusSessionTool,
  endFocusSessionTool,
  listFocusSessionsTool,
  // profile and preferences
  getProfileTool,
  updateProfileTool,
  // assistant chains: breakdown, analysis, motivation, proof, day plan (basic mode without an LLM)
  breakDownTaskTool,
  analyzeTaskTool,
  getMotivationTool,
  validateProofTool,
  ...memoryTools,
  planDayTool,
];

export const resources: readonly ResourceDefinition[] = [
  todayResource,
  recentMoodResource,
  profileResource,
  pointsResource,
];

export const resourceTemplates: readonly ResourceTemplateDefinition[] = [taskResource];

export const prompts: readonly PromptDefinition[] = [
  planMyDayPrompt,
  breakDownTaskPrompt,
  eveningReviewPrompt,
  freshStartPrompt,
];
