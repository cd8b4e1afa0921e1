export * from './actions';
export * from './admin';
export * from './http';
export * from './presence';
export * from './protocol';
export * from './text';
