export * from './arista-eos.ts';
export * from './cisco-ios.ts';
export * from './cisco-nxos.ts';
export * from './ios-style-prompt.ts';
export * from './juniper-junos.ts';
export * from './linux.ts';
export * from './driver-registry.ts';
