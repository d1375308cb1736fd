import type { DeviceEndpoint, PlatformName } from './device-session.ts';

export interface DeviceRecord {
  id: string;
  name: string;
  host: string;
  port: number;
  platform: PlatformName;
  deviceType: string;
  vendor: string | null;
  model: string | null;
  osVersion: string | null;
  site: string | null;
  location: string | null;
  tags: string[];
  description: string | null;
  status: 'online' | 'offline' | 'unknown';
  credentialName: string | null;
  jumpHostName: string | null;
  hostKeyFingerprint: string | null;
  lastSeenAt: Date | null;
}

export interface DeviceInput {
  name: string;
  host: string;
  port?: number | undefined;
  platform: PlatformName;
  deviceType?: string | undefined;
  vendor?: string | undefined;
  model?: string | undefined;
  site?: string | undefined;
  location?: string | undefined;
  tags?: string[] | undefined;
  description?: string | undefined;
  credentialName?: string | undefined;
  jumpHostName?: string | undefined;
}

export interface DeviceFilter {
  search?: string | undefined;
  site?: string | undefined;
  platform?: string | undefined;
  tag?: string | undefined;
  status?: string | undefined;
}

/** Devices and what the runner needs to reach them (endpoint with decrypted secrets). */
export interface DeviceRepository {
  findByName(name: string): Promise<DeviceRecord | null>;
  /** Every device, lightly: for target selection. */
  listAll(): Promise<DeviceRecord[]>;
  list(filter: DeviceFilter, page: { page: number; perPage: number }): Promise<{ items: DeviceRecord[]; total: number }>;
  upsert(input: DeviceInput): Promise<{ record: DeviceRecord; created: boolean }>;
  /** Decrypts the credential; throws CREDENTIAL_NOT_FOUND when the device has none. */
  endpoint(deviceId: string): Promise<DeviceEndpoint>;
  pinHostKey(deviceId: string, fingerprint: string): Promise<void>;
  markSeen(deviceId: string, status: 'online' | 'offline'): Promise<void>;
}
