// Types of build-cache.mjs, for the dist check (test/dist/build-cache.ts).
export const BUILD_CACHE: string;
export function buildKey(root: string, nodeVersion: string): string;
export function keepBuild(dir: string, key: string): void;
export function isKeptBuild(dir: string, key: string): boolean;
