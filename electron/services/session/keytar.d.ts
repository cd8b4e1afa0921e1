// keytar is an optional dependency: where it did not build (Linux without libsecret-1-dev) npm
// leaves it out, types and all, and the dynamic import in secret-store.ts must still type-check.
// An ambient declaration takes precedence over the package's own types, so the same signatures
// apply with and without it: the calls Caredesk makes, as keytar 7 defines them.
declare module 'keytar' {
  export function getPassword(service: string, account: string): Promise<string | null>;
  export function setPassword(service: string, account: string, password: string): Promise<void>;
  export function deletePassword(service: string, account: string): Promise<boolean>;
}
