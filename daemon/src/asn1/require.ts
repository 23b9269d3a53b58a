import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads one of the @peculiar ASN.1 packages with require(). They are CommonJS: an ESM `import` of
 * them makes Node pre-parse every file they re-export (cjs-module-lexer) to find the named exports,
 * about 45 ms of `vanthu verify` start-up for the same module objects require() returns (one
 * instance either way, shared with code that imports the packages directly).
 */
export function requireAsn1<T>(name: string): T {
  return require(name) as T;
}
