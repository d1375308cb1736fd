import type { FastifyInstance } from 'fastify';
import { importDevices } from '../../core/devices/import-devices.ts';
import { requireDevice } from '../../core/devices/require-device.ts';
import { testDeviceConnection } from '../../core/devices/test-device-connection.ts';
import { trustHostKey } from '../../core/devices/trust-host-key.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { connectionTestSchema, importBody, importSchema, trustKeyBody, trustKeySchema } from './schemas/device-schemas.ts';

const tag = 'devices';
const textFile = { type: 'string', description: 'the file as it is' };

/** Connection test, host-key re-acceptance and CSV/YAML import. */
export async function deviceActionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { connector, timeouts } = ctx.processorDeps;

  apiRoute(app, {
    method: 'POST', url: '/devices/:id/test', tag, operationId: 'testDevice', summary: 'Test the connection to a device',
    description: 'Connects like a run (host key, login, privilege, terminal) and disconnects. Answers 200 with ok=false and the error code (CONNECT_REFUSED, AUTH_FAILED, HOST_KEY_CHANGED…) when the device does not cooperate. Pins a host key seen for the first time.',
    role: ['operator', 'testing devices'], params: idOrNameParams, response: { 200: connectionTestSchema }, errors: [404],
    handler: async ({ params, req }) => {
      const device = await requireDevice(ctx.devices, params.id);
      const result = await testDeviceConnection({ devices: ctx.devices, connector, timeouts, strictHostKeys: ctx.config.SSH_STRICT_HOST_KEYS }, device.id);
      await auditApi(ctx.audit, req, {
        type: 'DEVICE', action: 'device.tested', level: result.ok ? 'INFO' : 'WARNING', objectType: 'device', objectId: device.id,
        message: result.ok ? `connected in ${result.latencyMs} ms` : `${result.code}: ${result.message}`,
      });
      return result.ok
        ? { ok: true, device: device.name, latency_ms: result.latencyMs, host_key_fingerprint: result.hostKeyFingerprint, host_key_pinned: result.hostKeyPinned, error: null }
        : { ok: false, device: device.name, latency_ms: result.latencyMs, host_key_fingerprint: device.hostKeyFingerprint, host_key_pinned: false, error: { code: result.code, message: result.message } };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/devices/:id/trust-key', tag, operationId: 'trustDeviceHostKey', summary: "Re-pin a device's changed host key",
    description: 'After HOST_KEY_CHANGED, once someone checked the device: connects, and pins the key it presents. With `fingerprint`, pins only that key (409 if the device presents another).',
    role: ['admin', 'accepting a changed host key'], params: idOrNameParams, body: trustKeyBody, response: { 200: trustKeySchema }, errors: [404, 409, 422],
    handler: async ({ params, body, req }) => {
      const device = await requireDevice(ctx.devices, params.id);
      let result;
      try {
        result = await trustHostKey({ devices: ctx.devices, connector, timeouts }, device.id, body.fingerprint);
      } catch (err) {
        // A device that cannot be reached or logged in to is a state problem here, not a server error.
        if (err instanceof NetOpsError && err.status >= 500) throw new NetOpsError('INVALID_STATE', `Could not connect to ${device.name} to read its key: ${err.code}: ${err.message}`, { cause_code: err.code });
        throw err;
      }
      await auditApi(ctx.audit, req, {
        type: 'DEVICE', action: 'device.host_key_accepted', level: 'WARNING', objectType: 'device', objectId: device.id,
        oldValue: { host_key_fingerprint: result.previousFingerprint }, newValue: { host_key_fingerprint: result.fingerprint },
      });
      return { device: device.name, previous_fingerprint: result.previousFingerprint, fingerprint: result.fingerprint, changed: result.changed };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/devices/import', tag, operationId: 'importDevices', summary: 'Import devices from CSV or YAML',
    description: 'All or nothing: any bad row → 400 with every problem as `row N field`, and nothing is written. Send JSON {format, text}, or the file itself as text/csv or application/yaml. Existing names are updated.',
    role: ['operator', 'importing devices'], body: importBody, bodyMediaTypes: { 'text/csv': textFile, 'application/yaml': textFile }, response: { 200: importSchema }, errors: [],
    handler: async ({ body, req }) => {
      const outcome = await importDevices({ devices: ctx.devices, credentials: ctx.credentials }, body.text, body.format);
      if (!outcome.ok) throw new NetOpsError('VALIDATION_FAILED', outcome.message, { issues: outcome.issues });
      await auditApi(ctx.audit, req, { type: 'DEVICE', action: 'device.imported', objectType: 'device', newValue: { names: outcome.names }, message: `${outcome.created} created, ${outcome.updated} updated` });
      return { created: outcome.created, updated: outcome.updated, names: outcome.names };
    },
  });
}
