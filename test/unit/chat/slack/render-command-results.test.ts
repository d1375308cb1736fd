import { describe, expect, it } from 'vitest';
import { renderCommandResults } from '../../../../src/chat/slack/render-command-results.ts';
import { blocksSize, SLACK_LIMITS } from '../../../../src/chat/slack/slack-text.ts';
import type { CommandResultRecord } from '../../../../src/core/runs/run-records.ts';

const result = (command: string, output: string, verdict: CommandResultRecord['verdict'] = 'passed'): CommandResultRecord => ({
  id: command, executionId: 'e1', stage: 'pre_check', seq: 1, mode: 'exec', command, output, durationMs: 42, verdict, reason: verdict === 'passed' ? null : 'expected text not found', errorMarker: null, createdAt: new Date(),
});

const sectionTexts = (blocks: unknown[]) => blocks.flatMap((b) => ((b as { text?: { text: string } }).text ? [(b as { text: { text: string } }).text.text] : []));

describe('renderCommandResults', () => {
  it('shows each command with ✅/❌ and its output in a code block', () => {
    const r = renderCommandResults({ headline: '✅ *pre_check* passed', commands: [result('show clock', '*12:00:00 UTC'), result('show ver', 'x', 'failed')], url: 'https://n/runs/1', filename: 'f.txt' });
    const texts = sectionTexts(r.message.blocks);
    expect(texts[1]).toBe('✅ `show clock` · 42 ms\n```*12:00:00 UTC```');
    expect(texts[2]).toContain('❌ `show ver` · 42 ms — expected text not found');
    expect(r.overflow).toBeNull();
  });

  it('keeps every section within 3,000 characters and the message well under Slack limits, moving the rest to a file', () => {
    const huge = Array.from({ length: 4000 }, (_, i) => `access-list 101 permit ip host 10.0.${i % 256}.1 any`).join('\n');
    const commands = Array.from({ length: 30 }, (_, i) => result(`show run ${i}`, huge));
    const r = renderCommandResults({ headline: '✅ *pre_check* passed', commands, url: 'https://n/runs/1', filename: 'run-1.txt' });
    for (const t of sectionTexts(r.message.blocks)) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(r.message.blocks.length).toBeLessThan(SLACK_LIMITS.blocks);
    expect(blocksSize(r.message.blocks)).toBeLessThan(12_000);
    expect(r.overflow?.filename).toBe('run-1.txt');
    expect(r.overflow?.content).toContain('show run 29');
    expect(r.overflow?.content.length).toBeGreaterThan(huge.length * 30);
    expect(JSON.stringify(r.message.blocks)).toContain('https://n/runs/1');
  });

  it('escapes output so device text cannot form links, mentions or close the code block', () => {
    const r = renderCommandResults({ headline: 'h', commands: [result('show x', '<!channel> & ```oops```')], url: 'u', filename: 'f' });
    const t = sectionTexts(r.message.blocks)[1] ?? '';
    expect(t).toContain('&lt;!channel&gt; &amp;');
    expect(t.match(/```/g)).toHaveLength(2);
  });
});
