export * from './start-lab.ts';
export * from './lab-device.ts';
export * from './lab-fault.ts';
export * from './lab-options.ts';
export type { LabDeviceState, IosInterface, IosVlan } from './ios-state.ts';
