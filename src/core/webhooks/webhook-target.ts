import { NetOpsError } from '../errors/index.ts';
import type { AddressPolicy } from './address-policy.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (an IP literal resolves to itself). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TargetCheckDeps {
  resolve: HostResolver;
  policy: AddressPolicy;
}

/** A URL that passed the SSRF guard, with the checked address the delivery must connect to. */
export interface CheckedTarget {
  url: URL;
  address: ResolvedAddress;
}

export type TargetCheck =
  | { ok: true; target: CheckedTarget }
  /** invalid: the URL itself is wrong; unresolvable: DNS failed (may be transient); refused: an internal address. */
  | { ok: false; kind: 'invalid' | 'unresolvable' | 'refused'; message: string };

const ALLOW_HINT = 'webhooks may not call loopback, private, link-local, CGNAT or cloud-metadata addresses unless WEBHOOK_ALLOWED_HOSTS names the host or network';

/**
 * The SSRF guard. Resolves the URL's host and refuses it when any address it resolves to is internal,
 * unless the allow-list names the host or the address's network. Run at save time and again before
 * every delivery (a host may re-resolve elsewhere: DNS rebinding); the delivery connects to the checked address.
 */
export async function checkWebhookTarget(deps: TargetCheckDeps, rawUrl: string): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, kind: 'invalid', message: 'must be an absolute http:// or https:// URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, kind: 'invalid', message: `must use http or https, not ${url.protocol.replace(/:$/, '')}` };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return { ok: false, kind: 'invalid', message: 'must name a host' };
  let addresses: ResolvedAddress[];
  try {
    addresses = await deps.resolve(host);
  } catch (err) {
    return { ok: false, kind: 'unresolvable', message: `host ${host} cannot be resolved (${err instanceof Error ? err.message : String(err)})` };
  }
  const first = addresses[0];
  if (!first) return { ok: false, kind: 'unresolvable', message: `host ${host} resolves to no address` };
  if (deps.policy.allowsHost(host)) return { ok: true, target: { url, address: first } };
  for (const a of addresses) {
    const reason = deps.policy.blockReason(a.address);
    if (reason) {
      const via = a.address === host ? '' : ` (${host} resolves to ${a.address})`;
      return { ok: false, kind: 'refused', message: `${a.address} is a ${reason} address${via}; ${ALLOW_HINT}` };
    }
  }
  return { ok: true, target: { url, address: first } };
}

/** The save-time check: a refused or unusable URL is a 400 naming the field `url`. */
export async function requireWebhookTarget(deps: TargetCheckDeps, rawUrl: string): Promise<CheckedTarget> {
  const check = await checkWebhookTarget(deps, rawUrl);
  if (check.ok) return check.target;
  throw new NetOpsError('VALIDATION_FAILED', `url: ${check.message}`, { issues: [{ field: 'url', message: check.message }] });
}
