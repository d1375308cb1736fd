export * from './start-lab.ts';
export * from './lab-device.ts';
export * from './lab-fault.ts';
export * from './lab-options.ts';
export * from './lab-platform.ts';
export type { LabDeviceState, IosInterface, IosVlan } from './ios-state.ts';
export type { JunosConfig, JunosInterface, JunosState, JunosVlan } from './junos-state.ts';
export type { LinuxInterface, LinuxState } from './linux-state.ts';
export * from './parse-lab-platforms.ts';
