import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export const APP_ID = '900000000000000002';
export const GUILD_ID = '800000000000000001';
export const CHANNEL_ID = '700000000000000001';
export const APPROVER_ROLE = '600000000000000001';

let counter = 0;
const snowflake = () => `5${String(Date.now()).slice(-9)}${String(++counter).padStart(8, '0')}`;

export interface Clicker {
  userId: string;
  roles?: string[];
  /** false: the interaction comes from a DM (user, no member). */
  inGuild?: boolean;
}

/** An Ed25519 key pair as Discord's application key: the public key as 64 hex characters. */
export function discordKeys(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // SPKI DER for Ed25519 is a 12-byte header followed by the 32-byte raw key.
  return { publicKeyHex: publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex'), privateKey };
}

export function signedHeaders(privateKey: KeyObject, body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-signature-timestamp': timestamp,
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

function base(type: number, who: Clicker, extra: Record<string, unknown>): Record<string, unknown> {
  const user = { id: who.userId, username: `user${who.userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null };
  const place = who.inGuild === false
    ? { user, channel: { id: CHANNEL_ID, type: 1 }, channel_id: CHANNEL_ID, context: 1 }
    : {
        guild_id: GUILD_ID, channel: { id: CHANNEL_ID, type: 0 }, channel_id: CHANNEL_ID, context: 0,
        member: { user, roles: who.roles ?? [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '0' },
      };
  return { id: snowflake(), application_id: APP_ID, type, token: `tok-${snowflake()}`, version: 1, locale: 'en-US', app_permissions: '0', entitlements: [], authorizing_integration_owners: {}, attachment_size_limit: 8_388_608, ...place, ...extra };
}

type OptionValue = string | number | boolean;

/** `/netops <sub> name:value …` (type 2), or the same with one option focused (type 4, autocomplete). */
export function commandInteraction(sub: string, options: Record<string, OptionValue>, who: Clicker, focused?: string): Record<string, unknown> {
  const opts = Object.entries(options).map(([name, value]) => ({
    name, value, type: typeof value === 'boolean' ? 5 : 3, ...(focused === name ? { focused: true } : {}),
  }));
  return base(focused ? 4 : 2, who, { data: { id: '400000000000000001', name: 'netops', type: 1, options: [{ type: 1, name: sub, options: opts }] } });
}

export function buttonInteraction(customId: string, who: Clicker, messageId = '300000000000000001'): Record<string, unknown> {
  return base(3, who, { data: { custom_id: customId, component_type: 2 }, message: { id: messageId, channel_id: CHANNEL_ID, content: '', embeds: [], components: [] } });
}

export function modalSubmitInteraction(customId: string, fields: Record<string, string>, who: Clicker): Record<string, unknown> {
  const components = Object.entries(fields).map(([id, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: id, value } }));
  return base(5, who, { data: { custom_id: customId, components } });
}
