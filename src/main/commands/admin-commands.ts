import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { isRole, ROLES } from '../../core/approvals/roles.ts';
import { deviceInputSchema } from '../../core/devices/device-input-schema.ts';
import { importDevices } from '../../core/devices/import-devices.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import { issueApiToken } from '../../core/users/api-token.ts';
import { createUser } from '../../core/users/manage-users.ts';
import { saveWorkflow } from '../../core/workflows/save-workflow.ts';
import { parseWorkflowYaml } from '../../core/workflows/workflow-yaml.ts';
import type { AppContext } from '../app-context.ts';
import { readStdinLines, withContext } from '../cli-support.ts';

/** The CLI acts as the local operator account that runs it. */
const cliActor = () => ({ id: null, name: `cli:${userInfo().username}` });

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

import { toDeviceInput } from '../../core/devices/to-device-input.ts';

/** Imports workflow YAML text as the local admin; prints what happened. */
export async function importWorkflow(ctx: AppContext, yaml: string, actor: string, allowDestructive = false): Promise<string> {
  const { record, created, changed } = await saveWorkflow(ctx, { yaml, actor: { id: null, name: actor, role: 'admin' }, source: 'cli', allowDestructive });
  const name = record.workflowName;
  return created ? `Workflow ${name} created (version 1).` : changed ? `Workflow ${name} updated to version ${record.version}.` : `Workflow ${name} unchanged (version ${record.version}).`;
}

/** Creates an API token for a user; the token is shown once, only its hash is stored. */
export async function createApiToken(ctx: AppContext, userName: string, name: string): Promise<string> {
  const user = await ctx.users.findByName(userName);
  if (!user) throw new NetOpsError('USER_NOT_FOUND', `No user "${userName}". Create one: netops user add ${userName} --role operator`, { field: 'user' });
  const { token, record } = await issueApiToken(ctx.accounts, user.id, { name });
  await ctx.audit.record({ type: 'AUTH', action: 'token.created', actor: cliActor(), source: 'cli', objectType: 'user', objectId: user.id, newValue: { user: user.name, name, prefix: record.prefix } });
  return token;
}

export function registerAdminCommands(program: Command): void {
  const user = program.command('user').description('manage users');
  user
    .command('add')
    .argument('<name>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--slack-id <id>', 'Slack user id (U…)')
    .option('--discord-id <id>', 'Discord user id')
    .option('--password-stdin', 'read a web login password from stdin', false)
    .action(async (name: string, o: { role: string; slackId?: string; discordId?: string; passwordStdin: boolean }) => {
      if (!isRole(o.role)) throw new NetOpsError('VALIDATION_FAILED', `--role must be one of ${ROLES.join(', ')}, got "${o.role}".`, { field: 'role' });
      const role = o.role;
      const [password] = readStdinLines(o.passwordStdin ? 1 : 0);
      await withContext(async (ctx) => {
        // The password hasher (native argon2) is loaded by the commands that set a password only.
        const { userAdminDeps } = await import('../../web/auth/password-rules.ts');
        const created = await createUser(userAdminDeps(ctx), { name, role, password, slackId: o.slackId, discordId: o.discordId });
        await ctx.audit.record({ type: 'AUTH', action: 'user.created', actor: cliActor(), source: 'cli', objectType: 'user', objectId: created.id, newValue: { name, role, slackId: o.slackId ?? null, discordId: o.discordId ?? null, password: password ? 'set' : null } });
        say(`User ${name} created with role ${role}.`);
      });
    });

  program
    .command('token')
    .description('API tokens')
    .command('create')
    .argument('<user>')
    .option('--name <name>', 'label for the token', 'cli')
    .action(async (userName: string, o: { name: string }) =>
      withContext(async (ctx) => say(await createApiToken(ctx, userName, o.name))),
    );

  program
    .command('credential')
    .description('device credentials (secrets encrypted at rest)')
    .command('add')
    .argument('<name>')
    .requiredOption('--username <user>')
    .option('--password-stdin', 'read the password from stdin (first line)', false)
    .option('--enable-secret-stdin', 'read the enable secret from stdin (next line)', false)
    .option('--private-key-file <path>', 'an SSH private key file')
    .action(async (name: string, o: { username: string; passwordStdin: boolean; enableSecretStdin: boolean; privateKeyFile?: string }) => {
      const lines = readStdinLines(Number(o.passwordStdin) + Number(o.enableSecretStdin));
      const password = o.passwordStdin ? lines.shift() : undefined;
      const enableSecret = o.enableSecretStdin ? lines.shift() : undefined;
      const privateKey = o.privateKeyFile ? readFileSync(o.privateKeyFile, 'utf8') : undefined;
      await withContext(async (ctx) => {
        const { created, record } = await ctx.credentials.upsert({ name, username: o.username, password, enableSecret, privateKey });
        await ctx.audit.record({ type: 'DEVICE', action: created ? 'credential.created' : 'credential.updated', actor: cliActor(), source: 'cli', objectType: 'credential', objectId: record.id, newValue: record });
        say(`Credential ${name} ${created ? 'created' : 'updated'}.`);
      });
    });

  const device = program.command('device').description('devices');
  device
    .command('add')
    .argument('<name>')
    .requiredOption('--host <host>')
    .option('--port <port>', 'SSH port', '22')
    .requiredOption('--platform <platform>')
    .option('--credential <name>')
    .option('--site <site>')
    .option('--device-type <type>')
    .option('--jump-host <device>')
    .option('--tag <tag>', 'repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (name: string, o: { host: string; port: string; platform: string; credential?: string; site?: string; deviceType?: string; jumpHost?: string; tag: string[] }) => {
      const parsed = deviceInputSchema.safeParse({ name, host: o.host, port: o.port, platform: o.platform, credential: o.credential, site: o.site, device_type: o.deviceType, jump_host: o.jumpHost, tags: o.tag });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        throw new NetOpsError('VALIDATION_FAILED', `Invalid device: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
      }
      await withContext(async (ctx) => {
        const before = await ctx.devices.findByName(name);
        const { created, record } = await ctx.devices.upsert(toDeviceInput(parsed.data));
        await ctx.audit.record({ type: 'DEVICE', action: created ? 'device.created' : 'device.updated', actor: cliActor(), source: 'cli', objectType: 'device', objectId: record.id, oldValue: before, newValue: record });
        say(`Device ${name} ${created ? 'created' : 'updated'}.`);
      });
    });
  device
    .command('import')
    .argument('<file>', 'CSV (header row) or YAML')
    .action(async (file: string) => {
      const format = ['.yaml', '.yml'].includes(extname(file).toLowerCase()) ? 'yaml' : 'csv';
      const text = readFileSync(file, 'utf8');
      await withContext(async (ctx) => {
        // All or nothing, in one transaction; problems come back per row.
        const outcome = await importDevices(ctx, text, format);
        if (!outcome.ok) throw new NetOpsError('VALIDATION_FAILED', outcome.message, { issues: outcome.issues });
        await ctx.audit.record({ type: 'DEVICE', action: 'device.imported', actor: cliActor(), source: 'cli', objectType: 'device', newValue: { file, names: outcome.names }, message: `${outcome.names.length} device(s) imported, ${outcome.created} created` });
        say(`Imported ${outcome.names.length} device(s): ${outcome.created} created, ${outcome.updated} updated.`);
      });
    });

  const workflow = program.command('workflow').description('workflows');
  workflow
    .command('import')
    .argument('<file>', 'workflow YAML')
    .option('--as <user>', 'author recorded on the version', 'cli')
    .option('--allow-destructive', 'allow reload / erase / delete commands (recorded in the audit log)', false)
    .action(async (file: string, o: { as: string; allowDestructive: boolean }) => {
      const yaml = readFileSync(file, 'utf8');
      parseWorkflowYaml(yaml); // validate before opening anything
      await withContext(async (ctx) => say(await importWorkflow(ctx, yaml, o.as, o.allowDestructive)));
    });
  workflow
    .command('export')
    .argument('<name>')
    .action(async (name: string) =>
      withContext(async (ctx) => {
        const yaml = await ctx.workflows.exportYaml(name);
        if (yaml === null) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${name}".`, { field: 'name' });
        process.stdout.write(yaml.endsWith('\n') ? yaml : `${yaml}\n`);
      }),
    );
}
