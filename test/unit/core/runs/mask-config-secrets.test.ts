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
    ['username netops privilege 15 secret 0 Cle4rText!', 'username netops privilege 15 secret 0 <masked>'],
    ['username netops privilege 15 password 0 Cle4rText!', 'username netops privilege 15 password 0 <masked>'],
    ['enable password 0 Cle4rText!', 'enable password 0 <masked>'],
    [' key 7 0822455D0A16', ' key 7 <masked>'],
    ['snmp-server community s3cret-ro RO 10', 'snmp-server community <masked> RO 10'],
    ['snmp-server host 192.0.2.9 version 2c s3cret-trap', 'snmp-server host 192.0.2.9 version 2c <masked>'],
    ['snmp-server host 192.0.2.9 informs version 2c s3cret-trap udp-port 162', 'snmp-server host 192.0.2.9 informs version 2c <masked> udp-port 162'],
    ['snmp-server user admin network-admin auth md5 0x1a2b priv 0x3c4d localizedkey', 'snmp-server user admin network-admin auth md5 <masked> priv <masked> localizedkey'],
    ['snmp-server user ops grp v3 auth sha Auth-Pw priv aes 128 Priv-Pw', 'snmp-server user ops grp v3 auth sha <masked> priv aes 128 <masked>'],
    ['tacacs-server host 192.0.2.5 key 7 0822455D0A16', 'tacacs-server host 192.0.2.5 key 7 <masked>'],
    ['radius-server host 192.0.2.6 auth-port 1812 key Rad1us', 'radius-server host 192.0.2.6 auth-port 1812 key <masked>'],
    ['set system login user netops authentication plain-text-password-value "Cle4r Text"', 'set system login user netops authentication plain-text-password-value <masked>'],
    ['        plain-text-password-value Cle4rText;', '        plain-text-password-value <masked>'],
    ['set snmp community s3cret authorization read-only', 'set snmp community <masked> authorization read-only'],
    ['    community s3cret {', '    community <masked> {'],
    ['    community s3cret;', '    community <masked>;'],
  ])('masks %s', (line, masked) => {
    expect(maskConfigSecrets(line)).toBe(masked);
  });

  it('leaves ordinary lines alone', () => {
    const config = 'hostname r1\nkey chain OSPF-KEYS\ninterface Loopback0\n description password-reset portal\n'
      + '    community CUST-A members 65000:100;\nsnmp-server host 192.0.2.9 version 3 priv ops\n';
    expect(maskConfigSecrets(config)).toBe(config);
    expect(maskConfigSecrets('key chain OSPF-KEYS')).toBe('key chain OSPF-KEYS');
  });
});
