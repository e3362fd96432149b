/**
 * The most items one `forEach` step fans out to. Each item is a task row, a timer or a child
 * workflow: past this, one instance's history and one status read grow beyond what Temporal
 * serves comfortably. A longer list is a sign the work belongs in several steps or processes.
 */
export const MAXIMUM_FAN_OUT = 1_000;

/**
 * How many sub-processes an instance starts in one workflow task: each start carries the
 * child's plan, and Temporal refuses a workflow task's commands past 4 MB.
 */
export const CHILD_STARTS_PER_WORKFLOW_TASK = 20;
