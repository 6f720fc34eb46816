/** Tasks: use cases, schemas (shared by REST, MCP and the planner), the repository and the pure helpers. */
export { createTask, type CreateTaskDeps } from './create-task.js';
export { createTasks, CreateTasksSchema, MAX_TASKS_PER_BATCH, type CreateTasks } from './create-tasks.js';
export { listTasks, type ListTasksDeps } from './list-tasks.js';
export { listTodayTasks, type TodaySection, type TodayTasks } from './list-today.js';
export { getTask } from './get-task.js';
export { updateTask, type UpdateTaskDeps } from './update-task.js';
export { completeTask, type CompleteTaskDeps } from './complete-task.js';
export { reopenTask } from './reopen-task.js';
export { deleteTask } from './delete-task.js';
export { restoreTask } from './restore-task.js';
export { reorderSubtasks } from './reorder-subtasks.js';
export { freshStart, type FreshStartDeps } from './fresh-start.js';
export { ensureNextOccurrence } from './ensure-next-occurrence.js';
export {
  describeFit,
  FirstStepSchema,
  isLowState,
  rankNextTasks,
  suggestNextTask,
  SuggestedTaskSchema,
  SuggestNextTaskResultSchema,
  SuggestNextTaskSchema,
  type FitFactor,
  type NextTaskCandidate,
  type PersonState,
  type RankedTask,
  type SuggestNextTask,
  type SuggestNextTaskDeps,
  type SuggestNextTaskResult,
} from './suggest-next-task.js';
export {
  startTask,
  StartTaskResultSchema,
  StartTaskSchema,
  type FirstStepSource,
  type StartTask,
  type StartTaskDeps,
  type StartTaskResult,
} from './start-task.js';
export { reviewDay, ReviewDayResultSchema, type ReviewDayDeps, type ReviewDayResult } from './review-day.js';
export { firstOpenSubtask, starterStep, STARTER_MINUTES, type FirstStep } from './first-step.js';
export { type TaskDeps, type TaskDepsWithUsers } from './task-access.js';
export { toTask } from './task-dto.js';
export { createTaskRepo, markTaskSteps, taskIndexes, type TaskDoc, type TaskRepo } from './task-repo.js';
export {
  CompleteTaskResultSchema,
  CreateTaskSchema,
  EnergySchema,
  FreshStartResultSchema,
  FreshStartSchema,
  ListTasksSchema,
  MAX_DEPTH,
  MAX_SUBTASKS,
  MAX_TAGS,
  normalizeTag,
  PrioritySchema,
  ReorderSubtasksSchema,
  TaskCascadeResultSchema,
  TaskIdSchema,
  TaskListSchema,
  TaskSchema,
  TaskSortSchema,
  TaskStatusSchema,
  TagsSchema,
  UpdateTaskSchema,
  type CompleteTaskResult,
  type CreateTask,
  type Energy,
  type FreshStart,
  type FreshStartResult,
  type ListTasks,
  type Priority,
  type ReorderSubtasks,
  type Task,
  type TaskCascadeResult,
  type TaskList,
  type TaskSort,
  type TaskStatus,
  type UpdateTask,
} from './task-schemas.js';
export { pointsForCompletion } from './points.js';
export {
  describeRule,
  formatRule,
  nextOccurrence,
  parseRule,
  RecurrenceError,
  RecurrenceRuleSchema,
  ruleProblem,
  type NextOccurrenceInput,
  type Occurrence,
} from './recurrence.js';
export {
  MAX_REMINDER_MINUTES,
  MAX_REMINDERS,
  parseReminderOffset,
  parseReminderOffsets,
  ReminderOffsetError,
  ReminderOffsetsSchema,
} from './reminder-offsets.js';
