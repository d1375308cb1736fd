import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, renderPage, renderPartial } from '../../render/page-render.ts';
import { importDevices } from '../../../core/devices/import-devices.ts';
import type { WebDeviceStore } from './device-store.ts';
import { testDeviceConnection } from '../../../core/devices/test-device-connection.ts';
import { trustHostKey } from '../../../core/devices/trust-host-key.ts';
import { asNetOpsError } from '../../../core/errors/index.ts';

const importForm = z.object({ format: z.enum(['csv', 'yaml']).catch('csv'), text: z.string().max(1_000_000).default('') });

const EXAMPLE_CSV = 'name,host,port,platform,credential,site,tags\ncore-1,10.0.0.1,22,cisco_ios,lab,par1,core;edge\n';

/** POST /devices/:id/test (connection test) and the CSV/YAML import page. */
export async function deviceActionRoutes(app: FastifyInstance, { ctx, store }: { ctx: AppContext; store: WebDeviceStore }): Promise<void> {
  const operator = { preHandler: requirePageRole('operator', 'testing and importing devices') };

  app.post<{ Params: { id: string } }>('/devices/:id/test', operator, async (req, reply) => {
    const device = await store.get(req.params.id);
    const { connector, timeouts, strictHostKeys } = ctx.processorDeps;
    const result = await testDeviceConnection({ devices: ctx.devices, connector, timeouts, strictHostKeys }, device.id);
    await auditWeb(ctx, req, {
      type: 'DEVICE', action: 'device.tested', level: result.ok ? 'INFO' : 'WARNING', actor: req.user, objectType: 'device', objectId: device.id,
      message: result.ok ? `connected in ${result.latencyMs} ms` : `${result.code}: ${result.message}`,
    });
    return renderPartial(req, reply, 'devices/test-result', { device, result });
  });

  // After HOST_KEY_CHANGED: the admin's acceptance re-pins the key, but only once a full login with it succeeded.
  app.post<{ Params: { id: string } }>('/devices/:id/accept-host-key', { preHandler: requirePageRole('admin', 'accepting a changed host key') }, async (req, reply) => {
    const device = await store.get(req.params.id);
    const { connector, timeouts } = ctx.processorDeps;
    const started = Date.now();
    let result: Awaited<ReturnType<typeof testDeviceConnection>>;
    try {
      const trusted = await trustHostKey({ devices: ctx.devices, connector, timeouts }, device.id);
      result = await testDeviceConnection({ devices: ctx.devices, connector, timeouts, strictHostKeys: true }, device.id);
      await auditWeb(ctx, req, {
        type: 'DEVICE', action: 'device.host_key_accepted', level: 'WARNING', actor: req.user, objectType: 'device', objectId: device.id,
        oldValue: { hostKeyFingerprint: trusted.previousFingerprint }, newValue: { hostKeyFingerprint: trusted.fingerprint },
      });
    } catch (err) {
      // Nothing was re-pinned: the old key stays and the device keeps refusing the new one.
      const e = asNetOpsError(err);
      result = { ok: false, code: e.code, message: e.message, latencyMs: Date.now() - started };
    }
    return renderPartial(req, reply, 'devices/test-result', { device, result });
  });

  app.get('/devices/import', operator, async (req, reply) =>
    renderPage(req, reply, 'devices/import', { title: 'Import devices', nav: 'devices', format: 'csv', text: '', example: EXAMPLE_CSV }));

  app.post('/devices/import', operator, async (req, reply) => {
    const form = importForm.parse(req.body ?? {});
    const outcome = await importDevices({ devices: ctx.devices, credentials: ctx.credentials }, form.text, form.format);
    if (!outcome.ok) {
      return renderPage(req, reply, 'devices/import', { title: 'Import devices', nav: 'devices', ...form, example: EXAMPLE_CSV, outcome }, 422);
    }
    await auditWeb(ctx, req, { type: 'DEVICE', action: 'device.imported', actor: req.user, objectType: 'device', newValue: { names: outcome.names }, message: `${outcome.created} created, ${outcome.updated} updated` });
    flashNext(req, 'ok', `Imported ${outcome.names.length} device(s): ${outcome.created} created, ${outcome.updated} updated.`);
    return reply.redirect('/devices', 303);
  });
}
