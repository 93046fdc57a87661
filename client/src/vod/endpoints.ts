// Where a VOD request goes. Mirrors the official `@alicloud/vod20170321` client: an explicit endpoint wins,
// then the SDK's `_endpointMap`, then the "regional" rule `vod.<region>.aliyuncs.com`. The generic
// openapi-client has no map of its own, so without this table cn-hangzhou would go to a host that does not exist.
import { englishText, vt, type VodText } from './messages';

export type EndpointErrorCode = 'InvalidRegion' | 'InvalidEndpoint' | 'InsecureEndpoint';

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
  /** The message as a message id, for a user's language (messages.ts `errorText`). */
  readonly text?: VodText;
  constructor(readonly code: EndpointErrorCode, message: string | VodText) {
    super(typeof message === 'string' ? message : englishText(message));
    if (typeof message !== 'string') this.text = message;
  }
}

// Copied from the SDK's constructor (vod-20170321/src/client.ts). cn-hangzhou is served from Shanghai;
// the special and internal regions go to the central endpoint.
const ENDPOINT_MAP: Readonly<Record<string, string>> = {
  'cn-hangzhou': 'vod.cn-shanghai.aliyuncs.com',
  ...Object.fromEntries([
    'ap-northeast-2-pop', 'ap-southeast-2', 'ap-southeast-3', 'cn-beijing-finance-1', 'cn-beijing-finance-pop',
    'cn-beijing-gov-1', 'cn-beijing-nu16-b01', 'cn-chengdu', 'cn-edge-1', 'cn-fujian', 'cn-haidian-cm12-c01',
    'cn-hangzhou-bj-b01', 'cn-hangzhou-finance', 'cn-hangzhou-internal-prod-1', 'cn-hangzhou-internal-test-1',
    'cn-hangzhou-internal-test-2', 'cn-hangzhou-internal-test-3', 'cn-hangzhou-test-306', 'cn-hongkong-finance-pop',
    'cn-huhehaote', 'cn-huhehaote-nebula-1', 'cn-qingdao', 'cn-qingdao-nebula', 'cn-shanghai-et15-b01',
    'cn-shanghai-et2-b01', 'cn-shanghai-finance-1', 'cn-shanghai-inner', 'cn-shanghai-internal-test-1',
    'cn-shenzhen-finance-1', 'cn-shenzhen-inner', 'cn-shenzhen-st4-d01', 'cn-shenzhen-su18-b01', 'cn-wuhan',
    'cn-wulanchabu', 'cn-yushanfang', 'cn-zhangbei', 'cn-zhangbei-na61-b01', 'cn-zhangjiakou-na62-a01',
    'cn-zhengzhou-nebula-1', 'eu-west-1-oxs', 'me-east-1', 'rus-west-1-pop', 'us-east-1',
  ].map((r) => [r, 'vod.aliyuncs.com'])),
};

export const DEFAULT_REGION = 'cn-shanghai';

// Region ids are lower-case words joined by '-' ("cn-shanghai", "ap-southeast-1", "cn-beijing-finance-1").
// Anything else would be pasted into a host name, so it is refused rather than guessed at.
const REGION_RE = /^[a-z]{2,}(?:-[a-z0-9]+){1,4}$/;

export interface ResolvedEndpoint {
  /** `http` only for loopback (the emulator). */
  protocol: 'https' | 'http';
  /** host[:port], what the `Host` header and the signature carry. */
  host: string;
  regionId: string;
  /** Where the host came from, for `--verbose` output and the status bar. */
  source: 'override' | 'map' | 'rule';
}

export function isValidRegionId(region: string): boolean {
  return REGION_RE.test(region);
}

export function endpointForRegion(region: string): string {
  if (typeof region !== 'string' || !isValidRegionId(region)) {
    throw new EndpointError('InvalidRegion', vt('endpointRegion', { region: String(region) }));
  }
  return ENDPOINT_MAP[region] ?? `vod.${region}.aliyuncs.com`;
}

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * Accepts `host`, `host:port`, `https://host[:port][/]` or, for loopback only, `http://…`.
 * A path, query, credentials or a non-https scheme on a remote host are refused: an AccessKey
 * signature sent in clear text to a remote host would be replayable.
 */
export function parseEndpointOverride(endpoint: string): { protocol: 'https' | 'http'; host: string } {
  const raw = endpoint.trim();
  if (!raw) throw new EndpointError('InvalidEndpoint', vt('endpointEmpty'));
  // What the messages repeat of it: never the part before an "@" (a user:password someone pasted).
  const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`);
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `https://${raw}`);
  } catch {
    throw new EndpointError('InvalidEndpoint', vt('endpointNotHost', { endpoint: shown }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EndpointError('InvalidEndpoint', vt('endpointScheme', { scheme: url.protocol, endpoint: shown }));
  }
  if (url.username || url.password) {
    throw new EndpointError('InvalidEndpoint', vt('endpointUserInfo'));
  }
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    throw new EndpointError('InvalidEndpoint', vt('endpointPath', { endpoint: shown }));
  }
  if (!url.hostname) throw new EndpointError('InvalidEndpoint', vt('endpointNoHost', { endpoint: shown }));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new EndpointError('InsecureEndpoint', vt('endpointInsecure', { host: url.host }));
  }
  return { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.host };
}

export function resolveEndpoint(options: { region?: string; endpoint?: string }): ResolvedEndpoint {
  const regionId = options.region ?? DEFAULT_REGION;
  if (!isValidRegionId(regionId)) endpointForRegion(regionId); // throws the typed error
  if (options.endpoint !== undefined && options.endpoint.trim() !== '') {
    return { ...parseEndpointOverride(options.endpoint), regionId, source: 'override' };
  }
  const host = endpointForRegion(regionId);
  return { protocol: 'https', host, regionId, source: ENDPOINT_MAP[regionId] ? 'map' : 'rule' };
}

export { isLoopbackHost };
