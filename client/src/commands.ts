// The one table of commands: every handler the extension registers, keyed by the ids in commandIds.ts
// (typed, so a declared command cannot be left without a handler), registered in one place.
import vscode = require('vscode');
import type { CommandId, Commands } from './commandIds';

export function registerCommands(context: vscode.ExtensionContext, table: Commands<CommandId>): void {
  for (const [id, handler] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
