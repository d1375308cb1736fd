/**
 * The one list of error codes. Callers branch on the code, never on the message.
 * Each code carries its HTTP status and whether retrying the same operation may succeed.
 */
export const ErrorCodes = {
  // input (400)
  VALIDATION_FAILED: { status: 400, retryable: false },
  PARAM_INVALID: { status: 400, retryable: false },
  PARAM_UNKNOWN: { status: 400, retryable: false },
  PARAM_MISSING: { status: 400, retryable: false },
  TEMPLATE_INVALID: { status: 400, retryable: false },
  WORKFLOW_INVALID: { status: 400, retryable: false },
  TARGET_INVALID: { status: 400, retryable: false },
  COMMAND_PARSE_FAILED: { status: 400, retryable: false },
  CONFIG_INVALID: { status: 400, retryable: false },
  // auth (401/403)
  UNAUTHENTICATED: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  SELF_APPROVAL_FORBIDDEN: { status: 403, retryable: false },
  // lookups (404)
  NOT_FOUND: { status: 404, retryable: false },
  DEVICE_NOT_FOUND: { status: 404, retryable: false },
  WORKFLOW_NOT_FOUND: { status: 404, retryable: false },
  RUN_NOT_FOUND: { status: 404, retryable: false },
  USER_NOT_FOUND: { status: 404, retryable: false },
  CREDENTIAL_NOT_FOUND: { status: 404, retryable: false },
  // conflicts and state (409/422)
  CONFLICT: { status: 409, retryable: false },
  ALREADY_EXISTS: { status: 409, retryable: false },
  INVALID_STATE: { status: 422, retryable: false },
  PLATFORM_NOT_SUPPORTED: { status: 422, retryable: false },
  WORKFLOW_NOT_ACTIVE: { status: 422, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  // device / SSH (stored on executions; HTTP status only matters for `device test`)
  CONNECT_REFUSED: { status: 502, retryable: true },
  CONNECT_TIMEOUT: { status: 504, retryable: true },
  DNS_FAILED: { status: 502, retryable: true },
  AUTH_FAILED: { status: 502, retryable: false },
  HOST_KEY_CHANGED: { status: 502, retryable: false },
  HOST_KEY_UNKNOWN: { status: 502, retryable: false },
  ENABLE_FAILED: { status: 502, retryable: false },
  PROMPT_NOT_DETECTED: { status: 504, retryable: true },
  COMMAND_TIMEOUT: { status: 504, retryable: false },
  SESSION_CLOSED: { status: 502, retryable: false },
  SSH_NEGOTIATION_FAILED: { status: 502, retryable: false },
  COMMAND_ERROR: { status: 422, retryable: false },
  CHECK_FAILED: { status: 422, retryable: false },
  // infrastructure
  DATABASE_UNAVAILABLE: { status: 503, retryable: true },
  QUEUE_UNAVAILABLE: { status: 503, retryable: true },
  WORKER_INTERRUPTED: { status: 500, retryable: false },
  INTERNAL: { status: 500, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ErrorCodes;
