/** Drops header lines (`Building configuration...`) and the blank lines before the config. */
export function stripConfigHeader(text: string, patterns: readonly RegExp[]): string {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? undefined : end);
    if (end < 0 || !(line.trim() === '' || patterns.some((re) => re.test(line)))) break;
    start = end + 1;
  }
  return text.slice(start);
}
