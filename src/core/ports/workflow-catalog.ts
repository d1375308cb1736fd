import type { PageRequest } from './user-accounts.ts';

export type WorkflowStatus = 'draft' | 'active' | 'archived';

/** A workflow's own row (no definition): what status changes, deletes and version lists work on. */
export interface WorkflowInfo {
  id: string;
  name: string;
  description: string;
  status: WorkflowStatus;
  currentVersion: number;
  allowDestructive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkflowVersionInfo {
  version: number;
  createdBy: string | null;
  createdAt: Date;
  yaml: string;
}

/**
 * Workflow administration beside WorkflowRepository (which runs and saves use): lookup by id or name,
 * the version history with its YAML, status, what refers to a workflow, delete.
 */
export interface WorkflowCatalog {
  find(idOrName: string): Promise<WorkflowInfo | null>;
  /** Newest first. */
  versions(workflowId: string, page?: PageRequest): Promise<{ items: WorkflowVersionInfo[]; total: number }>;
  versionYaml(workflowId: string, version: number): Promise<string | null>;
  setStatus(id: string, status: WorkflowStatus): Promise<WorkflowInfo>;
  /** Runs (history) and schedules (future runs) that refer to the workflow. */
  usage(id: string): Promise<{ runs: number; schedules: string[] }>;
  delete(id: string): Promise<void>;
}
