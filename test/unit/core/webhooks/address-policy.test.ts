import { describe, expect, it } from 'vitest';
import { createAddressPolicy, isValidAllowList } from '../../../../src/core/webhooks/address-policy.ts';

describe('the SSRF address policy', () => {
  const strict = createAddressPolicy('');

  it.each([
    ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['::1', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.254', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata'], ['169.254.10.10', 'link-local'], ['fe80::1', 'link-local'],
    ['fc00::1', 'private (unique local)'], ['fd12:3456::1', 'private (unique local)'],
    ['100.64.0.1', 'carrier-grade NAT'], ['100.127.255.254', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified ("this network")'], ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'], ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:10.0.0.1', 'private'], ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(strict.blockReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows public %s', (address) => {
    expect(strict.blockReason(address)).toBeNull();
  });

  it('lets the allow-list open addresses, networks and host names, and nothing else', () => {
    const policy = createAddressPolicy('127.0.0.1, 10.20.0.0/16 ,hooks.internal,*.corp.example,[::1]');
    expect(policy.blockReason('127.0.0.1')).toBeNull();
    expect(policy.blockReason('127.0.0.2')).toBe('loopback');
    expect(policy.blockReason('10.20.30.40')).toBeNull();
    expect(policy.blockReason('10.21.0.1')).toBe('private');
    expect(policy.blockReason('::1')).toBeNull();
    expect(policy.allowsHost('hooks.internal')).toBe(true);
    expect(policy.allowsHost('HOOKS.internal.')).toBe(true);
    expect(policy.allowsHost('ci.corp.example')).toBe(true);
    expect(policy.allowsHost('corp.example')).toBe(false);
    expect(policy.allowsHost('evilcorp.example')).toBe(false);
    expect(policy.allowsHost('localhost')).toBe(false);
  });

  it('validates the allow-list setting', () => {
    expect(isValidAllowList('')).toBe(true);
    expect(isValidAllowList('127.0.0.1,10.0.0.0/8,fd00::/8,hooks.internal,*.corp.example')).toBe(true);
    expect(isValidAllowList('10.0.0.0/33')).toBe(false);
    expect(isValidAllowList('10.0.0.0/8/1')).toBe(false);
    expect(isValidAllowList('http://hooks.internal')).toBe(false);
    expect(isValidAllowList('hooks internal')).toBe(false);
  });
});
