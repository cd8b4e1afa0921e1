export * from './http';
export * from './protocol';
