// Entry of dist/oss.js: the official OSS client (ali-oss, 1.5 MB with urllib), loaded on the first
// upload (see oss.ts), so that neither activation nor the CLI's other commands pay for it.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { DebugModule, OssModule } from './oss';

export function ossModule(): OssModule {
  return require('ali-oss');
}

/** The `debug` copy inside this bundle, the one ali-oss logs through. */
export function debugModule(): DebugModule {
  return require('debug');
}
