// A VodClient for the current settings and credentials. Region, endpoint and AppId are
// application-scoped settings; VS Code's http.proxy is honoured.
import vscode = require('vscode');
import { VodClient, type CredentialDescription } from '../vod';
import type { CredentialsManager } from './credentials';

export interface VodTarget {
  client: VodClient;
  credentials: CredentialDescription;
  region: string;
  appId?: string;
}

export function produceSettings() {
  const c = vscode.workspace.getConfiguration('vodTimeline');
  return {
    region: c.get<string>('region', 'cn-shanghai'),
    endpoint: c.get<string>('endpoint') || undefined,
    appId: c.get<string>('appId') || undefined,
    confirm: c.get<boolean>('produce.confirm', true),
    timeoutSeconds: c.get<number>('produce.timeoutSeconds', 60),
  };
}

function proxySettings() {
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
