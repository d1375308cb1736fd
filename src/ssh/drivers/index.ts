export * from './cisco-ios.ts';
export * from './driver-registry.ts';
