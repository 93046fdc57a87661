// Entry of dist/alicloud.js: the Alibaba Cloud SDK packages, loaded on first use (see sdk.ts).
// `require`, not `import * as`: the transport patches `doAction` on tea-typescript's real
// module.exports, the object openapi-client reads at call time; a namespace copy would be ignored.
/* eslint-disable @typescript-eslint/no-require-imports */
import type { SdkModules } from './sdk';

export function sdkModules(): SdkModules {
  return {
    openApiClient: require('@alicloud/openapi-client'),
    openApiUtil: require('@alicloud/openapi-util'),
    teaUtil: require('@alicloud/tea-util'),
    credentials: require('@alicloud/credentials'),
    tea: require('@alicloud/tea-typescript'),
  };
}
