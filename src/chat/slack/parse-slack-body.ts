/**
 * Turns a verified raw body into what Bolt's processEvent expects: slash commands are form fields,
 * interactivity is a form field `payload` holding JSON, the Events API sends JSON.
 */
export function parseSlackBody(rawBody: string, contentType: string | undefined): Record<string, unknown> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(rawBody);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a JSON object');
    return parsed as Record<string, unknown>;
  }
  const fields = Object.fromEntries(new URLSearchParams(rawBody));
  if (typeof fields.payload === 'string') {
    const payload: unknown = JSON.parse(fields.payload);
    if (!payload || typeof payload !== 'object') throw new Error('payload is not a JSON object');
    return payload as Record<string, unknown>;
  }
  return fields;
}
