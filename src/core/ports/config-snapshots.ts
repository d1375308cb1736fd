/** A snapshot as its hash only: enough to pair and diff by content without reading the content. */
export interface SnapshotHash {
  executionId: string;
  kind: string;
  hash: string;
}

/** One of a device's stored configs as its history lists it. */
export interface DeviceSnapshotRow {
  id: string;
  kind: string;
  hash: string;
  createdAt: Date;
  /** The run that took it, null for a manual snapshot. */
  runNumber: number | null;
  size: number;
}

/**
 * Reading stored running configs (snapshots deduplicated by content hash) for the web's history and diff
 * views. Writing stays RunRepository.saveSnapshot.
 */
export interface ConfigSnapshotReader {
  /** The snapshots of these executions as hashes, oldest first, in one query. */
  executionSnapshotHashes(executionIds: readonly string[]): Promise<SnapshotHash[]>;
  /** Contents by hash, in one query (unknown hashes are left out). */
  blobContents(hashes: readonly string[]): Promise<Map<string, string>>;
  /** A device's snapshots, newest first. */
  deviceSnapshots(deviceId: string, page: { page: number; perPage: number }): Promise<{ items: DeviceSnapshotRow[]; total: number }>;
  /** The newest snapshot and the newest one before it with different content (what last changed). */
  latestChange(deviceId: string): Promise<{ latest: string | null; previous: string | null }>;
  /** One snapshot of this device with its content; null when there is none (or it is another device's). */
  deviceSnapshot(deviceId: string, snapshotId: string): Promise<{ id: string; kind: string; createdAt: Date; content: string } | null>;
}
