// Entry of dist/alicloud.js: the Alibaba Cloud SDK packages, loaded on first use (see sdk.ts).
import * as openApiClient from '@alicloud/openapi-client';
import * as openApiUtil from '@alicloud/openapi-util';
import * as teaUtil from '@alicloud/tea-util';
import * as credentials from '@alicloud/credentials';
import * as tea from '@alicloud/tea-typescript';
import type { SdkModules } from './sdk';

export function sdkModules(): SdkModules {
  return { openApiClient, openApiUtil, teaUtil, credentials, tea } as unknown as SdkModules;
}
