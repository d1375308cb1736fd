import { describe, expect, it } from 'vitest';
import { maskConfigSecrets } from '../../../../src/core/runs/mask-config-secrets.ts';

describe('maskConfigSecrets', () => {
  it.each([
    ['enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0', 'enable secret 5 <masked>'],
    ['enable password cleartext1', 'enable password <masked>'],
    ['username admin privilege 15 secret 9 $9$abc$def', 'username admin privilege 15 secret 9 <masked>'],
    [' password 7 0822455D0A16', ' password 7 <masked>'],
    ['username admin secret sha512 $6$salt$hash', 'username admin secret sha512 <masked>'],
    ['username admin password 5 $5$xyz role network-admin', 'username admin password 5 <masked> role network-admin'],
    ['snmp-server community public RO', 'snmp-server community <masked> RO'],
    ['tacacs-server key 7 060506324F41', 'tacacs-server key 7 <masked>'],
    ['crypto isakmp key s3cr3t address 10.0.0.1', 'crypto isakmp key <masked> address 10.0.0.1'],
    [' ip ospf message-digest-key 1 md5 7 1234ABCD', ' ip ospf message-digest-key 1 md5 7 <masked>'],
    [' neighbor 10.0.0.2 password 7 0205', ' neighbor 10.0.0.2 password 7 <masked>'],
    ['  key-string 7 1511021F07', '  key-string 7 <masked>'],
    ['set system root-authentication encrypted-password "$6$abc"', 'set system root-authentication encrypted-password <masked>'],
    ['  authentication-key "$9$xyz"; ## SECRET-DATA', '  authentication-key <masked>; ## SECRET-DATA'],
  ])('masks %s', (line, masked) => {
    expect(maskConfigSecrets(line)).toBe(masked);
  });

  it('leaves ordinary lines alone', () => {
    const config = 'hostname r1\nkey chain OSPF-KEYS\ninterface Loopback0\n description password-reset portal\n';
    expect(maskConfigSecrets(config)).toBe(config);
    expect(maskConfigSecrets('key chain OSPF-KEYS')).toBe('key chain OSPF-KEYS');
  });
});
