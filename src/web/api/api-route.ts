import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole, type Role } from '../../core/approvals/roles.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import type { UserRecord } from '../../core/ports/user-repository.ts';
import { apiErrorSchema } from './api-schemas.ts';
import { OPENAPI_COMPONENTS } from './openapi-components.ts';

type Part = z.ZodType | undefined;
type Parsed<S extends Part> = S extends z.ZodType ? z.output<S> : Record<string, never>;
/** Response schemas by status; null = no body (204). */
type Responses = Record<number, z.ZodType | null>;
/** What the handler returns: the input side of one of its response schemas, so presenters are type-checked against the contract. */
type ResponseBody<R extends Responses> = { [K in keyof R]: R[K] extends z.ZodType ? z.input<R[K]> : undefined }[keyof R];

/** Errors a route may answer besides those every route documents (400 bad input, 401, 429). */
export type ErrorStatus = 403 | 404 | 409 | 422;

/**
 * One REST route, described once: the zod schemas validate the request, type the handler and become the
 * route's OpenAPI entry (through @fastify/swagger). Fastify's own JSON-schema validation is switched off
 * in the API context (see api-v1.ts): zod is the single source of truth for input shapes.
 */
export interface ApiRoute<P extends Part, Q extends Part, B extends Part, R extends Responses> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The least role and what a refusal says is being done ("deleting devices"); absent = any signed-in user. */
  role?: readonly [Role, string];
  params?: P;
  query?: Q;
  body?: B;
  /** Media types the body may also come as (documented; parsed by the API's content-type parsers). */
  bodyMediaTypes?: Record<string, object>;
  response: R;
  errors?: ErrorStatus[];
  handler(input: { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B>; user: UserRecord; req: FastifyRequest; reply: FastifyReply }): Promise<ResponseBody<R>>;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input; details.issues name each field',
  401: 'No valid API token (Authorization: Bearer <token>)',
  403: "The token's user lacks the role",
  404: 'Not found',
  409: 'Conflict: the name is taken, or the record is still in use',
  422: 'Not possible in the current state',
  429: 'Too many requests for this token; wait Retry-After seconds',
};

/**
 * A zod schema as plain JSON Schema (2020-12, as OpenAPI 3.1 uses), without the `$schema` line.
 * Output schemas refer to the named components (`$ref`) wherever one appears below the root.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema, path }) => {
      const name = io === 'output' && path.length > 0 ? OPENAPI_COMPONENTS.get(zodSchema as unknown as z.ZodType) : undefined;
      if (!name) return;
      const node = jsonSchema as Record<string, unknown>;
      for (const key of Object.keys(node)) delete node[key];
      node.$ref = `#/components/schemas/${name}`;
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The named response schemas as OpenAPI components. */
export function openApiComponents(): Record<string, Record<string, unknown>> {
  return Object.fromEntries([...OPENAPI_COMPONENTS].map(([schema, name]) => [name, jsonSchemaOf(schema, 'output')]));
}

/** A response: a `$ref` to its component when it has one, else inline. */
function responseSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const name = OPENAPI_COMPONENTS.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : jsonSchemaOf(schema, 'output');
}

function parsePart<S extends z.ZodType>(schema: S, value: unknown, where: 'path' | 'query' | 'body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || where, in: where, message: i.message }));
  const message = issues.map((i) => `${i.field}${i.field === where ? '' : ` (${where})`}: ${i.message}`).join('; ');
  throw new NetOpsError('VALIDATION_FAILED', message, { issues });
}

function openApiSchema(def: ApiRoute<Part, Part, Part, Responses>) {
  const response: Record<number, object> = {};
  for (const [status, schema] of Object.entries(def.response)) {
    response[Number(status)] = schema ? { ...responseSchemaOf(schema), description: schema.description ?? 'OK' } : { type: 'null', description: 'No content' };
  }
  const errors = new Set<number>([401, 429, ...(def.params || def.query || def.body ? [400] : []), ...(def.role ? [403] : []), ...(def.errors ?? [])]);
  for (const status of [...errors].sort((a, b) => a - b)) response[status] = { ...responseSchemaOf(apiErrorSchema), description: ERROR_DESCRIPTIONS[status] };
  const body = def.body ? jsonSchemaOf(def.body, 'input') : undefined;
  const roleNote = def.role ? `Requires the ${def.role[0]} role or higher.` : 'Any signed-in user.';
  return {
    operationId: def.operationId,
    summary: def.summary,
    description: [def.description, roleNote].filter(Boolean).join('\n\n'),
    tags: [def.tag],
    ...(def.params ? { params: jsonSchemaOf(def.params, 'input') } : {}),
    ...(def.query ? { querystring: jsonSchemaOf(def.query, 'input') } : {}),
    ...(body ? { body: def.bodyMediaTypes ? { content: { 'application/json': { schema: body }, ...Object.fromEntries(Object.entries(def.bodyMediaTypes).map(([type, schema]) => [type, { schema }])) } } : body } : {}),
    response,
  };
}

/** Registers a route: role check, zod parsing of path/query/body (400 naming the field), default status. */
export function apiRoute<P extends Part = undefined, Q extends Part = undefined, B extends Part = undefined, R extends Responses = Responses>(
  app: FastifyInstance,
  def: ApiRoute<P, Q, B, R>,
): void {
  const success = Object.keys(def.response).map(Number).filter((s) => s < 300).sort((a, b) => a - b)[0] ?? 200;
  app.route({
    method: def.method,
    url: def.url,
    schema: openApiSchema(def as unknown as ApiRoute<Part, Part, Part, Responses>),
    handler: async (req, reply) => {
      const user = req.user;
      if (!user) throw new NetOpsError('UNAUTHENTICATED', 'Send an API token: "Authorization: Bearer <token>".');
      if (def.role) requireRole(user, def.role[0], def.role[1]);
      const input = {
        params: (def.params ? parsePart(def.params, req.params, 'path') : {}) as Parsed<P>,
        query: (def.query ? parsePart(def.query, req.query, 'query') : {}) as Parsed<Q>,
        body: (def.body ? parsePart(def.body, req.body ?? {}, 'body') : {}) as Parsed<B>,
        user, req, reply,
      };
      reply.code(success);
      const body = await def.handler(input);
      if (reply.sent) return reply;
      return body === undefined ? reply.send() : reply.send(body);
    },
  });
}
