// The Alibaba Cloud SDK packages are half of the extension's code and take ~150 ms to initialise,
// more than everything else at activation. They live in their own bundle (dist/alicloud.js) that is
// loaded on first use — the first request or credential lookup — not when the extension, the
// language server or the CLI starts. Run from source (tests), the packages are required directly.
/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from 'node:path';

type OpenApiClientModule = typeof import('@alicloud/openapi-client');
type OpenApiUtilModule = typeof import('@alicloud/openapi-util');
type TeaUtilModule = typeof import('@alicloud/tea-util');
type CredentialsModule = typeof import('@alicloud/credentials');
type TeaModule = typeof import('@alicloud/tea-typescript');

export interface SdkModules {
  openApiClient: OpenApiClientModule;
  openApiUtil: OpenApiUtilModule;
  teaUtil: TeaUtilModule;
  credentials: CredentialsModule;
  tea: TeaModule;
}

/** Set by scripts/build.mjs in bundles that ship dist/alicloud.js next to them. */
declare const __SDK_BUNDLE__: boolean | undefined;

let modules: SdkModules | undefined;

function load(): SdkModules {
  if (modules) return modules;
  if (typeof __SDK_BUNDLE__ !== 'undefined' && __SDK_BUNDLE__) {
    modules = (require(path.join(__dirname, 'alicloud.js')) as { sdkModules(): SdkModules }).sdkModules();
  } else {
    modules = {
      openApiClient: require('@alicloud/openapi-client'),
      openApiUtil: require('@alicloud/openapi-util'),
      teaUtil: require('@alicloud/tea-util'),
      credentials: require('@alicloud/credentials'),
      tea: require('@alicloud/tea-typescript'),
    };
  }
  return modules;
}

export const sdk = {
  openApiClient: (): OpenApiClientModule => load().openApiClient,
  openApiUtil: (): OpenApiUtilModule => load().openApiUtil,
  teaUtil: (): TeaUtilModule => load().teaUtil,
  credentials: (): CredentialsModule => load().credentials,
  tea: (): TeaModule => load().tea,
};
