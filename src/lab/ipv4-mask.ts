/** Dotted masks and prefix lengths: 255.255.255.0 ⇄ 24. */
export const ipv4Mask = {
  prefixLength(mask: string): number {
    return mask.split('.').reduce((bits, octet) => bits + (Number(octet) >>> 0).toString(2).replace(/0/g, '').length, 0);
  },
  fromPrefix(prefix: number): string {
    const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.');
  },
  /** "10.0.0.1/24". */
  cidr(ipv4: { address: string; mask: string }): string {
    return `${ipv4.address}/${this.prefixLength(ipv4.mask)}`;
  },
  /** True for masks whose ones are contiguous (255.255.0.0, not 255.0.255.0). */
  isContiguous(mask: string): boolean {
    const bits = mask.split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('');
    return /^1*0*$/.test(bits);
  },
};
