// The CLI's submission history: `vod-timeline produce` records what it sends (the same store and
// format the editor uses, crash-safe), and `vod-timeline status` reads it to tell a video that VOD does
// not list yet (submitted from here a moment ago: producing) from a MediaId VOD does not know (not
// found). The editor keeps its own history in its global storage; this one is the CLI's.
//   --history FILE, else VOD_TIMELINE_HISTORY, else $XDG_STATE_HOME/vod-timeline/history.json
//   (~/.local/state/vod-timeline/history.json)
import * as os from 'node:os';
import * as path from 'node:path';
import { FileHistoryStore } from '../../client/src/vod/history/store';
import { errorText } from '../../client/src/vod/messages';
import type { HistoryProblem } from '../../client/src/vod/history/store';
import type { Io } from './io';
import { systemLocale } from './locale';
import { cliText, type CliMessage } from './messages';

const PROBLEM: Record<HistoryProblem['kind'], CliMessage> = {
  corrupt: 'historyCorrupt',
  'invalid-entries': 'historyInvalidEntries',
  unreadable: 'historyUnreadable',
  'newer-version': 'historyNewerVersion',
  'write-failed': 'historyWriteFailed',
  'watch-failed': 'historyWatchFailed',
};

function cliHistoryFile(env: NodeJS.ProcessEnv, option?: string): string {
  if (option) return path.resolve(option);
  if (env.VOD_TIMELINE_HISTORY) return path.resolve(env.VOD_TIMELINE_HISTORY);
  const state = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(state, 'vod-timeline', 'history.json');
}

/** The store, read; problems (a damaged file, moved aside) go to stderr and never stop the command. */
export async function openCliHistory(io: Io, option?: string, locale = systemLocale(io.env)): Promise<FileHistoryStore | undefined> {
  try {
    return await FileHistoryStore.open({
      file: cliHistoryFile(io.env, option),
      // A command runs for seconds: no folder watcher to keep the process alive.
      watch: false,
      onProblem: (p) => io.stderr(cliText(locale, 'historyProblem', {
        problem: cliText(locale, PROBLEM[p.kind]),
        backup: 'backup' in p && p.backup ? cliText(locale, 'historyMovedTo', { backup: p.backup }) : '',
      }) + '\n'),
    });
  } catch (e) {
    io.stderr(cliText(locale, 'historyCannotOpen', { reason: errorText(locale, e) }) + '\n');
    return undefined;
  }
}
