// A VodClient for the current settings and credentials. Region, endpoint and AppId are
// application-scoped settings; VS Code's http.proxy is honoured.
import vscode = require('vscode');
import { VodClient, type CredentialDescription } from '../vod';
import type { CredentialsManager } from './credentials';
import { setting } from '../settings';

export interface VodTarget {
  client: VodClient;
  credentials: CredentialDescription;
  region: string;
  appId?: string;
}

export function produceSettings() {
  return {
    region: setting('region'),
    endpoint: setting('endpoint') || undefined,
    appId: setting('appId') || undefined,
    confirm: setting('produce.confirm'),
    timeoutSeconds: setting('produce.timeoutSeconds'),
  };
}

/** VS Code's http.proxy / http.noProxy, else the environment's: for VOD requests and uploads alike. */
export function proxySettings() {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy') || process.env.HTTPS_PROXY || process.env.https_proxy || process.env.HTTP_PROXY || process.env.http_proxy || undefined;
  const noProxyList = http.get<string[]>('noProxy') ?? [];
  const noProxy = noProxyList.length ? noProxyList.join(',') : process.env.NO_PROXY || process.env.no_proxy || undefined;
  return { httpProxy: proxy, httpsProxy: proxy, noProxy };
}

export async function createVodTarget(credentials: CredentialsManager): Promise<VodTarget> {
  const s = produceSettings();
  const resolved = await credentials.resolve();
  const client = new VodClient({
    credential: resolved.credential,
    region: s.region,
    endpoint: s.endpoint,
    appId: s.appId,
    proxy: proxySettings(),
    readTimeoutMs: s.timeoutSeconds * 1000,
    userAgent: `vscode/${vscode.version}`,
  });
  return { client, credentials: resolved.description, region: client.endpoint.regionId, appId: s.appId };
}
