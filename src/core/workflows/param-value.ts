import { isIP } from 'node:net';
import { controlCharacterMessage, findControlCharacter } from './control-characters.ts';
import { describeParamSpec } from './describe-param.ts';
import { displayValue } from './display-value.ts';
import type { ParamSpec, ParamValue } from './param-spec.ts';

export type ParamCheck = { ok: true; value: ParamValue } | { ok: false; message: string };

// Decimal only: no exponent, hex, octal-looking leading zeros, sign "+" or surrounding spaces.
const DECIMAL_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([['true', true], ['yes', true], ['false', false], ['no', false]]);

/**
 * Checks one raw value (a string from chat/CLI, or typed from JSON/YAML) against its spec and returns the
 * typed value, or a message naming the param and saying what is allowed.
 */
export function coerceParamValue(name: string, spec: ParamSpec, raw: unknown): ParamCheck {
  if (typeof raw === 'string') {
    const hit = findControlCharacter(raw);
    if (hit) return { ok: false, message: controlCharacterMessage(name, hit) };
  }
  const invalid = (): ParamCheck => ({ ok: false, message: `${name} must be ${describeParamSpec(spec)}, got ${displayValue(raw)}` });

  switch (spec.type) {
    case 'integer': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && DECIMAL_INTEGER.test(raw)) n = Number(raw) + 0; // "+ 0" turns -0 into 0
      else return invalid();
      if (!Number.isSafeInteger(n)) return invalid();
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return invalid();
      return { ok: true, value: n };
    }
    case 'string': {
      // JSON callers may send a number for a string param; chat and CLI always send strings.
      const s = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (typeof s !== 'string') return invalid();
      const length = [...s].length;
      if (length > spec.maxLength) return { ok: false, message: `${name} must be at most ${spec.maxLength} characters, got ${length}` };
      if (spec.minLength !== undefined && length < spec.minLength) {
        return { ok: false, message: `${name} must be at least ${spec.minLength} characters, got ${displayValue(s)}` };
      }
      // Whole-value match even when the author forgot the anchors: a partial match would let "ok; reload" through.
      if (!new RegExp(`^(?:${spec.pattern})$`).test(s)) return invalid();
      return { ok: true, value: s };
    }
    case 'enum': {
      const s = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      return typeof s === 'string' && spec.values.includes(s) ? { ok: true, value: s } : invalid();
    }
    case 'ip': {
      if (typeof raw !== 'string') return invalid();
      const family = isIP(raw);
      return family !== 0 && (spec.version === undefined || spec.version === family) ? { ok: true, value: raw } : invalid();
    }
    case 'cidr': {
      if (typeof raw !== 'string') return invalid();
      const family = cidrFamily(raw);
      return family !== 0 && (spec.version === undefined || spec.version === family) ? { ok: true, value: raw } : invalid();
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = typeof raw === 'string' ? BOOLEAN_WORDS.get(raw.toLowerCase()) : undefined;
      return word === undefined ? invalid() : { ok: true, value: word };
    }
  }
}

/** 4 or 6 for "address/prefix" with a prefix length valid for the family, else 0. */
function cidrFamily(text: string): 0 | 4 | 6 {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return 0;
  const address = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(prefix) || address.includes('%')) return 0;
  const family = isIP(address);
  if (family === 4 && Number(prefix) <= 32) return 4;
  if (family === 6 && Number(prefix) <= 128) return 6;
  return 0;
}
