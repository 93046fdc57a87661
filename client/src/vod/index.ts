// Layer 3: the VOD client. Plain Node; the extension and the CLI both import from here.
export * from './client';
export * from './credentials';
export * from './endpoints';
export * from './errors';
export * from './media';
export * from './models';
export * from './retry';
export * from './status';
export { parseProxyUrl, selectProxy, type ProxySettings, type TransportRecord } from './transport';
export * from './upload';
export { errorText, vodLocale, vodText, VOD_MESSAGES, type VodMessage, type VodText } from './messages';
