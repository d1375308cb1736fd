import type { LabFault } from './lab-fault.ts';

/** What a session's interpreter knows of the device it runs on (shared by all sessions of the device). */
export interface LabDeviceEnv {
  readonly username: string;
  readonly password: string;
  readonly enableSecret: string;
  fault(): LabFault | null;
}
