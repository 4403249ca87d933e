/**
 * REPLACED AT BUNDLE TIME: scripts/bundle/patches.mjs (`noTopLevelAwait`) swaps
 * this file for yoga-layout's own load promise. What is written here runs only
 * under the tests (vitest loads the sources, not the bundle).
 *
 * Resolves once Ink's layout engine (yoga-layout, WebAssembly) is loaded.
 *
 * yoga-layout loads itself with a top-level await, which a CommonJS bundle
 * cannot hold; scripts/bundle.mjs rewrites it to start loading on import and
 * swaps this module for its promise. Outside the bundle the await has already
 * happened by the time Ink is imported, so this is resolved.
 */
export const yogaReady: Promise<void> = Promise.resolve();
