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
  deviceType?: string | undefined;
}

export const DEVICE_GROUPINGS = ['site', 'platform', 'tag'] as const;
export type DeviceGrouping = (typeof DEVICE_GROUPINGS)[number];

/** One group of the device grouping view; `value` null = devices without a site (or without tags). */
export interface DeviceGroupCount {
  value: string | null;
  count: number;
  /** The group's devices by status (they add up to `count`). */
  statuses: Record<DeviceRecord['status'], number>;
}

export interface DeviceFilterChoices {
  sites: string[];
  platforms: string[];
  tags: string[];
}

/**
 * Devices and what the runner needs to reach them (endpoint with decrypted secrets).
 * Covers the inventory (CRUD, grouping, bulk import) and the host-key pin; leaves out config snapshots.
 */
export interface DeviceRepository {
  findByName(name: string): Promise<DeviceRecord | null>;
  findById(id: string): Promise<DeviceRecord | null>;
  /** Every device, lightly: for target selection. */
  listAll(): Promise<DeviceRecord[]>;
  list(filter: DeviceFilter, page: { page: number; perPage: number }): Promise<{ items: DeviceRecord[]; total: number }>;
  upsert(input: DeviceInput): Promise<{ record: DeviceRecord; created: boolean }>;
  /** Creates or updates every device in one transaction: all or nothing. Jump hosts must come before their users. */
  upsertMany(inputs: DeviceInput[]): Promise<{ created: number; updated: number }>;
  /** Replaces the device by id (a changed name renames it); ALREADY_EXISTS when the new name is taken. */
  update(id: string, input: DeviceInput): Promise<DeviceRecord>;
  /** Deletes the device; executions keep its name, so run history stays readable. DEVICE_NOT_FOUND if gone. */
  delete(id: string): Promise<DeviceRecord>;
  /** Device counts per site, platform or tag (a device counts under each of its tags), largest first. */
  groupCounts(by: DeviceGrouping): Promise<DeviceGroupCount[]>;
  count(): Promise<number>;
  /** How many devices are in each status (statuses with none are left out). */
  statusCounts(): Promise<Record<string, number>>;
  /** Distinct sites, platforms and tags (sorted), for filter drop-downs: grouped by the database, not read device by device. */
  filterChoices(): Promise<DeviceFilterChoices>;
  /** Device names in name order, at most `limit`, optionally only those on one of `platforms`: for pickers. */
  names(filter: { platforms?: readonly string[] | undefined }, limit: number): Promise<string[]>;
  /** Decrypts the credential; throws CREDENTIAL_NOT_FOUND when the device has none. */
  endpoint(deviceId: string): Promise<DeviceEndpoint>;
  pinHostKey(deviceId: string, fingerprint: string): Promise<void>;
  /** Sets (or with null forgets) the pinned host key whatever it was: an admin's re-acceptance. */
  replaceHostKey(deviceId: string, fingerprint: string | null): Promise<void>;
  markSeen(deviceId: string, status: 'online' | 'offline'): Promise<void>;
}
