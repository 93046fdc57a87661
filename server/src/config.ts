// vod-timeline.config.json: the project's settings that the CLI (in CI) and the editor both read, so
// they agree. Found by walking up from the file being checked. A broken config is reported with its
// line and column, never thrown.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_INFO, LineIndex, NodeKind, NONE, parseJson, toValue, type SeveritySetting } from './service';

export const CONFIG_FILE = 'vod-timeline.config.json';

interface ProjectConfig {
  /** Region requests go to; drives the StorageLocation rule. */
  region?: string;
  /** Rule code (or `group/*`) → severity or "off". */
  rules?: Record<string, SeveritySetting>;
}

interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LoadedConfig {
  file?: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** The nearest config file at or above `dir`, or undefined. */
export function findConfig(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    const candidate = path.join(cur, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

export function parseConfig(text: string, file: string): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const lines = new LineIndex(text);
  const at = (offset: number, message: string) => {
    const p = lines.positionAt(offset);
    problems.push({ file, line: p.line + 1, column: p.character + 1, message });
  };
  const { tree, issues } = parseJson(text);
  for (const i of issues) at(i.start, `invalid JSON (${i.detail ? JSON.stringify(i.detail) : 'syntax error'})`);
  const root = tree.root;
  const config: ProjectConfig = {};
  if (root === NONE || tree.kind[root] !== NodeKind.Object) {
    if (!issues.length) at(0, 'the config must be a JSON object');
    return { file, config, problems };
  }
  const region = tree.get(root, 'region');
  if (region !== NONE) {
    if (tree.kind[region] === NodeKind.String && /^[a-z]{2}(-[a-z0-9]+)+$/.test(tree.strs[region]!)) config.region = tree.strs[region];
    else at(tree.start[region], `"region" must be a region ID such as "cn-shanghai"`);
  }
  const rules = tree.get(root, 'rules');
  if (rules !== NONE) {
    if (tree.kind[rules] !== NodeKind.Object) {
      at(tree.start[rules], '"rules" must be an object of rule code → "error" | "warning" | "information" | "hint" | "off"');
    } else {
      config.rules = {};
      const value = toValue(tree, rules) as Record<string, unknown>;
      for (const child of tree.childList(rules)) {
        const code = tree.keys[child]!;
        const sev = value[code];
        const known = CODE_INFO.has(code) || (code.endsWith('/*') && [...CODE_INFO.keys()].some((c) => c.startsWith(code.slice(0, -1))));
        if (!known) { at(tree.keyStart[child], `unknown rule code "${code}" (see \`vod-timeline rules\`)`); continue; }
        // A check that could not run is not a finding one may disagree with: it stays an error.
        if (code.startsWith('internal/')) { at(tree.keyStart[child], `"${code}" cannot be changed or turned off: it says a document was not fully checked`); continue; }
        if (typeof sev !== 'string' || !SEVERITIES.has(sev)) { at(tree.start[child], `rule "${code}" must be "error", "warning", "information", "hint" or "off"`); continue; }
        config.rules[code] = sev as SeveritySetting;
      }
    }
  }
  for (const child of tree.childList(root)) {
    const key = tree.keys[child]!;
    if (key !== 'region' && key !== 'rules' && key !== '$schema') at(tree.keyStart[child], `unknown setting "${key}" (known: region, rules)`);
  }
  return { file, config, problems };
}

export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, config: {}, problems: [{ file, line: 1, column: 1, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] };
  }
  return parseConfig(text, file);
}
