import type { ParamSpec } from './param-spec.ts';

/** What a param accepts, in words: "an integer from 2 to 4094". Used in errors, help and the web form. */
export function describeParamSpec(spec: ParamSpec): string {
  switch (spec.type) {
    case 'integer':
      if (spec.min !== undefined && spec.max !== undefined) return `an integer from ${spec.min} to ${spec.max}`;
      if (spec.min !== undefined) return `an integer of at least ${spec.min}`;
      if (spec.max !== undefined) return `an integer of at most ${spec.max}`;
      return 'an integer';
    case 'string': {
      const min = spec.minLength ?? 0;
      const length = min > 0 ? `${min} to ${spec.maxLength} characters` : `at most ${spec.maxLength} characters`;
      return `a string matching ${spec.pattern} (${length})`;
    }
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'ip':
      return spec.version ? `an IPv${spec.version} address` : 'an IPv4 or IPv6 address';
    case 'cidr':
      return spec.version === 6
        ? 'an IPv6 prefix like 2001:db8::/64'
        : spec.version === 4
          ? 'an IPv4 prefix like 10.0.0.0/24'
          : 'an IPv4 or IPv6 prefix like 10.0.0.0/24';
    case 'boolean':
      return 'true or false';
  }
}
