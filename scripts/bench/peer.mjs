// The peer of the LSP comparison: VS Code's JSON language server from the npm package
// vscode-langservers-extracted, installed on first use into ${XDG_CACHE_HOME:-~/.cache}/vod-timeline-bench
// (outside the repository, never a dependency of the project).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PEER_PACKAGE = 'vscode-langservers-extracted';
export const PEER_VERSION = '4.10.0';

export function peerCacheDir() {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'vod-timeline-bench');
}

function installedVersion(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', PEER_PACKAGE, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Makes sure the pinned peer is installed; returns the command line that runs it on stdio. */
export function ensurePeer(log = (s) => process.stderr.write(s + '\n')) {
  const dir = peerCacheDir();
  const have = installedVersion(dir);
  if (have !== PEER_VERSION) {
    fs.mkdirSync(dir, { recursive: true });
    log(`bench: installing ${PEER_PACKAGE}@${PEER_VERSION} into ${dir}${have ? ` (found ${have})` : ''}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['install', '--prefix', dir, '--save-exact', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `${PEER_PACKAGE}@${PEER_VERSION}`], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (installedVersion(dir) !== PEER_VERSION) throw new Error(`${PEER_PACKAGE}@${PEER_VERSION} is not in ${dir} after npm install`);
  }
  const bin = path.join(dir, 'node_modules', PEER_PACKAGE, 'bin', 'vscode-json-language-server');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing`);
  return { argv: [process.execPath, bin, '--stdio'], version: PEER_VERSION, dir };
}
