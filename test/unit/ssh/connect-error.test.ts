import { describe, expect, it } from 'vitest';
import { connectError } from '../../../src/ssh/connect-error.ts';

const target = { device: 'r1', host: 'r1.lab', port: 22, username: 'netops' };
const err = (message: string, extra: Record<string, unknown>) => Object.assign(new Error(message), extra);

describe('connectError', () => {
  it.each([
    [err('getaddrinfo ENOTFOUND r1.lab', { code: 'ENOTFOUND' }), 'DNS_FAILED', true],
    [err('connect ECONNREFUSED', { code: 'ECONNREFUSED', level: 'client-socket' }), 'CONNECT_REFUSED', true],
    [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'CONNECT_REFUSED', true],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'CONNECT_TIMEOUT', true],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), 'AUTH_FAILED', false],
    [err('Handshake failed: no matching key exchange algorithm', { level: 'handshake' }), 'SSH_NEGOTIATION_FAILED', false],
    [err('read ECONNRESET', { code: 'ECONNRESET' }), 'SESSION_CLOSED', true],
  ])('maps %s', (error, code, retryable) => {
    expect(connectError(error, target)).toMatchObject({ code, retryable, details: { device: 'r1', host: 'r1.lab', port: 22 } });
  });
});
