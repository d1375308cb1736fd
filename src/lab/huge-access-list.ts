/** An access list of about `megabytes` MB (the hugeConfig fault), generated per request, never kept. */
export function hugeAccessList(megabytes: number, indent = ' '): string[] {
  const lines = ['ip access-list extended LAB-HUGE-ACL'];
  const target = megabytes * 1024 * 1024;
  for (let i = 0, size = 0; size < target; i++) {
    const line = `${indent}${(i + 1) * 10} permit tcp host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} any eq ${1024 + (i % 60000)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}
