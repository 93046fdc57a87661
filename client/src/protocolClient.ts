// The extension's side of server/src/protocol.ts: every custom request and notification goes through
// these three functions with its typed constant, so params and results are checked against the one
// declaration the server also uses. (The lint forbids sending a `vodTimeline/*` method by name.)
import type { LanguageClient } from 'vscode-languageclient/node';
import type { NotificationType, RequestType } from '../../server/src/protocol';

/** Sends a client → server request. */
export function sendRequest<P, R>(client: LanguageClient, type: RequestType<P, R>, params: P): Promise<R> {
  return client.sendRequest<R>(type.method, params);
}

/** Answers a server → client request. */
export function onRequest<P, R>(client: LanguageClient, type: RequestType<P, R>, handler: (params: P) => R | Promise<R>): void {
  // vscode-jsonrpc types handlers by its own HandlerResult; the result type is ours (R), checked above.
  client.onRequest(type.method, (params: P) => handler(params) as never);
}

/** Sends a client → server notification. */
export function sendNotification<P>(client: LanguageClient, type: NotificationType<P>, params?: P): Promise<void> {
  return client.sendNotification(type.method, params);
}
