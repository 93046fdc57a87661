// Which documents are timelines: the vod-timeline language (*.timeline.json and whatever users map
// to it), and a plain .json file whose "$schema" names our schema.
import type { TextDocument } from 'vscode-languageserver-textdocument';

const OUR_SCHEMA = /"\$schema"\s*:\s*"[^"]*timeline\.schema(\.zh-cn)?\.json"/;

export function ownsDocument(document: TextDocument): boolean {
  if (document.languageId === 'vod-timeline' || document.uri.endsWith('.timeline.json')) return true;
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return false;
  return namesOurSchema(document.getText().slice(0, 4096));
}

/** `$schema` is conventionally the first key; looking at the head of the file is enough and cheap. */
function namesOurSchema(head: string): boolean {
  return OUR_SCHEMA.test(head);
}
