// What the extension shows of an error: the VOD client's errors in VS Code's UI language from their
// message id (client/src/vod/messages.ts; the pure client cannot call vscode.l10n), anything else by its
// message. Logs in the output channel keep the English `message`.
import vscode = require('vscode');
import { userErrorText } from './vod/messages';

export function errorText(err: unknown): string {
  return userErrorText(vscode.env.language, err);
}
