import type { WorkflowDefinition } from '../workflows/workflow-definition.ts';

export interface WorkflowVersionRecord {
  workflowId: string;
  workflowName: string;
  status: 'draft' | 'active' | 'archived';
  versionId: string;
  version: number;
  definition: WorkflowDefinition;
  allowDestructive: boolean;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  description: string;
  status: 'draft' | 'active' | 'archived';
  version: number;
  approval: 'none' | 'required';
  platforms: string[];
  updatedAt: Date;
}

/** Workflows and their versions. Saving a changed definition creates a new version. */
export interface WorkflowRepository {
  findCurrent(name: string): Promise<WorkflowVersionRecord | null>;
  findVersion(versionId: string): Promise<WorkflowVersionRecord | null>;
  list(): Promise<WorkflowSummary[]>;
  /** Creates the workflow or adds a version when the definition changed; returns the current version. */
  save(definition: WorkflowDefinition, yaml: string, actorName: string, options?: { allowDestructive?: boolean }): Promise<{ record: WorkflowVersionRecord; created: boolean; changed: boolean }>;
  exportYaml(name: string): Promise<string | null>;
}
