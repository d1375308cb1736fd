import { describe, expect, it } from 'vitest';
import { CHAT_VERBS } from '../../../../src/core/commands/chat-verbs.ts';
import { helpText, USAGE } from '../../../../src/core/commands/help-text.ts';

describe('helpText', () => {
  it('lists the usage of every verb of the chat contract', () => {
    const text = helpText();
    for (const verb of CHAT_VERBS) expect(text).toContain(USAGE[verb]);
    expect(text).toContain('TARGET is a device name (access-sw1), a comma list (sw1,sw2), or tag:X, site:X, platform:X');
  });

  it('gives details and an example for one verb', () => {
    expect(helpText('run')).toMatch(/^Usage: run WORKFLOW on TARGET \[key=value \.\.\.\] \[--dry-run\]\nRun a workflow on one or more devices\./);
    expect(helpText(' RUN ')).toContain('Example: run add-vlan on access-sw1 vlan_id=120');
    expect(helpText('target')).toContain('tag:X');
  });

  it('says when there is no such topic and shows the general help', () => {
    const text = helpText('deploy');
    expect(text.startsWith('No help on "deploy". Topics: help, devices, workflows, run,')).toBe(true);
    expect(text).toContain(USAGE.approve);
  });
});
