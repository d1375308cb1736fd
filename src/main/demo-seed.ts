import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { hash as argon2Hash } from '@node-rs/argon2';
import type { Lab } from '../lab/index.ts';
import type { AppContext } from './app-context.ts';
import { importWorkflow } from './commands/admin-commands.ts';

const VENDOR: Record<string, string> = { cisco_ios: 'Cisco', cisco_nxos: 'Cisco', arista_eos: 'Arista', juniper_junos: 'Juniper', linux: 'Linux' };

export const SEED_WORKFLOWS_DIR = new URL('../../prisma/seed/workflows/', import.meta.url);

export interface DemoSeed {
  adminPassword: string | null;
  workflows: string[];
}

/** Seeds what the demo needs: lab credential and devices, example workflows, an admin and an approver. */
export async function seedDemo(ctx: AppContext, lab: Lab): Promise<DemoSeed> {
  const first = lab.devices[0];
  if (!first) throw new Error('the lab has no devices');
  await ctx.credentials.upsert({ name: 'lab', username: first.username, password: first.password, enableSecret: first.enableSecret, description: 'simulated lab devices' });
  for (const d of lab.devices) {
    await ctx.devices.upsert({
      name: d.name, host: d.host, port: d.port, platform: d.platform, deviceType: d.platform === 'linux' ? 'server' : d.platform === 'cisco_ios' ? 'router' : 'switch',
      credentialName: 'lab', site: 'lab', tags: ['lab', 'demo', d.platform, d.platform === 'linux' ? 'server' : 'network'], vendor: VENDOR[d.platform], description: 'simulated by netops lab',
    });
  }
  // The lab is simulated and may come back with a new host key: re-pin on first contact.
  await ctx.db.prisma.device.updateMany({ where: { name: { in: lab.devices.map((d) => d.name) } }, data: { hostKeyFingerprint: null } });

  const workflows: string[] = [];
  for (const file of readdirSync(SEED_WORKFLOWS_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    await importWorkflow(ctx, readFileSync(new URL(file, SEED_WORKFLOWS_DIR), 'utf8'), 'demo');
    workflows.push(file.replace(/\.yaml$/, ''));
  }
  let adminPassword: string | null = null;
  if (!(await ctx.users.findByName('admin'))) {
    adminPassword = randomBytes(9).toString('base64url');
    await ctx.users.create({ name: 'admin', role: 'admin', passwordHash: await argon2Hash(adminPassword) });
  }
  if (!(await ctx.users.findByName('approver'))) await ctx.users.create({ name: 'approver', role: 'approver' });
  return { adminPassword, workflows };
}
