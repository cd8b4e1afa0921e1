export * from './channels';
export * from './entities';
export * from './errors';
export * from './identity';
export * from './link-suggestions';
export * from './money';
export * from './preview';
