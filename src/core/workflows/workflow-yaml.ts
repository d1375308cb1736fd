import { Document, isCollection, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { NetOpsError, type FieldIssue } from '../errors/index.ts';
import { STAGES } from '../runs/run-status.ts';
import { workflowDefinitionSchema, type WorkflowDefinition } from './workflow-definition.ts';
import { lineOfPath } from './yaml-path-line.ts';

/** A workflow problem as the web editor shows it: field path, message and (when known) the YAML line. */
export interface WorkflowIssue extends FieldIssue {
  line?: number;
}

// Workflows are small recipes; a larger file is a mistake or an attack on the parser.
const MAX_YAML_CHARS = 256 * 1024;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `stages.pre_check[0].expect.regex`; keys that are not identifiers are quoted: `params["vlan id"]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(String(segment))) out += out === '' ? String(segment) : `.${String(segment)}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? '(workflow)' : out;
}

function invalid(issues: WorkflowIssue[]): NetOpsError {
  const first = issues[0];
  const where = first ? `${first.field}: ${first.message}${first.line ? ` (line ${first.line})` : ''}` : 'unknown problem';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new NetOpsError('WORKFLOW_INVALID', `Workflow is invalid: ${where}${more}`, { issues });
}

function withLine(issue: FieldIssue, line: number | null): WorkflowIssue {
  return line === null || line === 0 ? issue : { ...issue, line };
}

// Messages a workflow author understands better than zod's defaults.
const errorMap: z.core.$ZodErrorMap = (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined);

function zodIssues(error: z.ZodError, doc: Document, lines: LineCounter): WorkflowIssue[] {
  const out: WorkflowIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const message = key === 'read_only'
          ? 'read_only is derived from the stages and cannot be set'
          : `unknown key ${JSON.stringify(key)}`;
        out.push(withLine({ field: formatFieldPath(path), message }, lineOfPath(doc, lines, path, true)));
      }
      continue;
    }
    out.push(withLine({ field: formatFieldPath(issue.path), message: issue.message }, lineOfPath(doc, lines, issue.path)));
  }
  return out;
}

/** Parses and validates a workflow YAML file; throws WORKFLOW_INVALID listing every problem with its line. */
export function parseWorkflowYaml(text: string): WorkflowDefinition {
  if (text.length > MAX_YAML_CHARS) {
    throw invalid([{ field: '(workflow)', message: `is longer than ${MAX_YAML_CHARS} characters` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw invalid(doc.errors.map((err) => withLine(
      { field: '(yaml)', message: err.message.split('\n')[0] ?? err.message },
      lines.linePos(err.pos[0]).line,
    )));
  }
  if (doc.contents === null) throw invalid([{ field: '(workflow)', message: 'is empty' }]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw invalid([{ field: '(yaml)', message: (err as Error).message }]);
  }
  const parsed = workflowDefinitionSchema.safeParse(data, { error: errorMap });
  if (!parsed.success) {
    // In file order, so the first problem named in the message is the first one in the editor.
    const issues = zodIssues(parsed.error, doc, lines).sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw invalid(issues);
  }
  return parsed.data;
}

/** Omits what the reader does not need (undefined, `required: false`, empty description). */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== undefined && !(k === 'required' && v === false)));
}

/** YAML for review in git, in the layout of ARCHITECTURE.md; parseWorkflowYaml(toWorkflowYaml(d)) equals d. */
export function toWorkflowYaml(def: WorkflowDefinition): string {
  const stages: Record<string, unknown> = {};
  for (const stage of STAGES) {
    const steps = def.stages[stage];
    if (steps) stages[stage] = steps.map((step) => compact({ ...step }));
  }
  const ordered = compact({
    name: def.name,
    description: def.description === '' ? undefined : def.description,
    platforms: def.platforms,
    approval: def.approval,
    params: Object.keys(def.params).length > 0
      ? Object.fromEntries(Object.entries(def.params).map(([name, spec]) => [name, compact({ ...spec })]))
      : undefined,
    stages,
  });
  const doc = new Document(ordered);
  // Flow style for the short maps and lists, as in the documented example.
  setFlow(doc, ['platforms']);
  for (const name of Object.keys(def.params)) setFlow(doc, ['params', name]);
  for (const stage of STAGES) {
    def.stages[stage]?.forEach((step, i) => {
      if ('expect' in step && step.expect) setFlow(doc, ['stages', stage, i, 'expect']);
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function setFlow(doc: Document, path: readonly PropertyKey[]): void {
  const node: unknown = doc.getIn(path, true);
  if (isCollection(node)) node.flow = true;
}
