#!/usr/bin/env node
// Serializer fixtures: the same produce request (scripts/serializers/README.md) built in each
// language the official VOD SDK samples use and written by that language's JSON library, into
// test/fixtures/serializers/. A dev tool, not part of `npm test`: CI has none of these toolchains,
// so the fixtures are committed and this script is rerun by hand when a serializer changes.
//
//   node scripts/serializers/run.mjs [--out DIR] [--only ID,ID] [--require-all]
//
// IDs: node, python, go, php, java, fastjson, dotnet. A serializer whose toolchain is missing is
// never skipped silently: it is listed as NOT RUN with what would install it, and --require-all
// turns that into exit code 1. Fixtures written by hand (libraries that cannot run here) are left
// alone and listed. Every run writes the versions it used into the fixture README's table.
//
// Exit codes: 0 every available serializer ran, 1 one failed (or one was missing with
// --require-all), 2 usage.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DEFAULT_OUT = path.join(ROOT, 'test', 'fixtures', 'serializers');
// Compiles are the slow step (go, javac, mcs): bounded so a wedged toolchain cannot hang the script.
const STEP_TIMEOUT_MS = 300_000;

/** Fixtures this script never writes: their library cannot run from this machine's registries. */
const HAND_WRITTEN = [
  { name: 'dotnet-system-text-json', why: 'System.Text.Json needs the .NET runtime, which no registry here ships (see its .source.md)' },
];

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/serializers/run.mjs [--out DIR] [--only node,python,go,php,java,fastjson,dotnet] [--require-all]');
  process.exit(2);
}

const args = process.argv.slice(2);
let outDir = DEFAULT_OUT;
let only;
let requireAll = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--out') outDir = path.resolve(args[++i] ?? usage('--out needs a directory'));
  else if (a === '--only') only = new Set((args[++i] ?? usage('--only needs a list')).split(','));
  else if (a === '--require-all') requireAll = true;
  else usage(`unknown argument: ${a}`);
}

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: STEP_TIMEOUT_MS, ...options });
  if (r.error) return { ok: false, out: String(r.error.message) };
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) return { ok: false, out: out || `exit ${r.status ?? r.signal}` };
  return { ok: true, out };
}

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch { /* not here */ }
  }
  return undefined;
}

/** The Debian package version, when dpkg knows the package. */
function debVersion(pkg) {
  const r = run('dpkg-query', ['-W', '-f=${Version}', pkg]);
  return r.ok && r.out ? r.out : undefined;
}

function firstLine(s) {
  return s.split('\n')[0].trim();
}

const JAVA_JARS = ['jackson-databind', 'jackson-core', 'jackson-annotations', 'gson'].map((n) => `/usr/share/java/${n}.jar`);

function newtonsoftDll() {
  const r = run('pkg-config', ['--libs', 'newtonsoft-json']);
  const fromPkg = r.ok ? /-r:(\S+)/.exec(r.out)?.[1] : undefined;
  if (fromPkg && fs.existsSync(fromPkg)) return fromPkg;
  const cli = '/usr/lib/cli';
  if (!fs.existsSync(cli)) return undefined;
  for (const d of fs.readdirSync(cli)) {
    const p = path.join(cli, d, 'Newtonsoft.Json.dll');
    if (d.startsWith('Newtonsoft.Json') && fs.existsSync(p)) return p;
  }
  return undefined;
}

// Each serializer: what it needs, how to run it into a directory, and the versions it used.
const SERIALIZERS = [
  {
    id: 'node',
    fixtures: ['node-json-stringify'],
    missing: () => (which('node') ? undefined : 'node'),
    install: 'nodejs',
    versions: () => ({ 'node-json-stringify': `Node ${process.version} JSON.stringify` }),
    produce: (tmp, out) => run(process.execPath, [path.join(HERE, 'node', 'produce.mjs'), out]),
  },
  {
    id: 'python',
    fixtures: ['python-json-dumps', 'python-json-dumps-unicode'],
    missing: () => (which('python3') ? undefined : 'python3'),
    install: 'python3',
    versions: () => {
      const v = firstLine(run('python3', ['--version']).out);
      return { 'python-json-dumps': `${v} json.dumps (defaults)`, 'python-json-dumps-unicode': `${v} json.dumps(ensure_ascii=False)` };
    },
    produce: (tmp, out) => run('python3', [path.join(HERE, 'python', 'produce.py'), out]),
  },
  {
    id: 'go',
    fixtures: ['go-struct', 'go-struct-omitempty', 'go-map'],
    missing: () => (which('go') ? undefined : 'go'),
    install: 'golang-go',
    versions: () => {
      const v = firstLine(run('go', ['version']).out).replace(/^go version /, '');
      return { 'go-struct': `${v} encoding/json`, 'go-struct-omitempty': `${v} encoding/json`, 'go-map': `${v} encoding/json` };
    },
    // Standard library only: no module, no proxy, caches in the temporary directory.
    produce: (tmp, out) => run('go', ['run', path.join(HERE, 'go', 'produce.go'), out], {
      cwd: tmp,
      env: { ...process.env, GO111MODULE: 'off', GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local', GOCACHE: path.join(tmp, 'gocache'), GOPATH: path.join(tmp, 'gopath') },
    }),
  },
  {
    id: 'php',
    fixtures: ['php-json-encode', 'php-json-encode-unescaped'],
    missing: () => (which('php') ? undefined : 'php'),
    install: 'php-cli',
    versions: () => {
      const v = `PHP ${run('php', ['-r', 'echo PHP_VERSION;']).out}`;
      return { 'php-json-encode': `${v} json_encode (no flags)`, 'php-json-encode-unescaped': `${v} json_encode(JSON_UNESCAPED_SLASHES \\| JSON_UNESCAPED_UNICODE)` };
    },
    produce: (tmp, out) => run('php', [path.join(HERE, 'php', 'produce.php'), out]),
  },
  {
    id: 'java',
    fixtures: ['java-jackson', 'java-gson'],
    missing: () => ['javac', 'java'].find((c) => !which(c)) ?? JAVA_JARS.find((j) => !fs.existsSync(j)),
    install: 'default-jdk-headless libjackson2-databind-java libgoogle-gson-java',
    versions: () => {
      const java = firstLine(run('java', ['-version']).out);
      return {
        'java-jackson': `${java}, jackson-databind ${debVersion('libjackson2-databind-java') ?? '?'} (Debian), default ObjectMapper`,
        'java-gson': `${java}, Gson ${debVersion('libgoogle-gson-java') ?? '?'} (Debian), new Gson()`,
      };
    },
    produce: (tmp, out) => {
      const cp = JAVA_JARS.join(path.delimiter);
      const classes = path.join(tmp, 'classes');
      const c = run('javac', ['-encoding', 'UTF-8', '-cp', cp, '-d', classes, path.join(HERE, 'java', 'Produce.java')]);
      return c.ok ? run('java', ['-cp', [classes, cp].join(path.delimiter), 'Produce', out]) : c;
    },
  },
  {
    id: 'fastjson',
    fixtures: ['java-fastjson'],
    // No registry this project reaches ships fastjson (Debian has no package; Maven Central is
    // not reachable here): it runs only with a jar the developer brings.
    missing: () => {
      const jar = process.env.FASTJSON_JAR;
      if (!jar) return 'FASTJSON_JAR (a fastjson 1.x jar)';
      if (!fs.existsSync(jar)) return `FASTJSON_JAR=${jar} (no such file)`;
      return ['javac', 'java'].find((c) => !which(c));
    },
    install: 'none from the registries here: set FASTJSON_JAR to a fastjson 1.x jar',
    versions: () => ({ 'java-fastjson': `${firstLine(run('java', ['-version']).out)}, fastjson from ${path.basename(process.env.FASTJSON_JAR)}, JSONObject.toString()` }),
    produce: (tmp, out) => {
      const cp = process.env.FASTJSON_JAR;
      const classes = path.join(tmp, 'classes');
      const c = run('javac', ['-encoding', 'UTF-8', '-cp', cp, '-d', classes, path.join(HERE, 'java', 'FastjsonProduce.java')]);
      return c.ok ? run('java', ['-cp', [classes, cp].join(path.delimiter), 'FastjsonProduce', out]) : c;
    },
  },
  {
    id: 'dotnet',
    fixtures: ['dotnet-newtonsoft-jobject', 'dotnet-newtonsoft-poco'],
    missing: () => ['mcs', 'mono'].find((c) => !which(c)) ?? (newtonsoftDll() ? undefined : 'Newtonsoft.Json.dll'),
    install: 'mono-mcs libnewtonsoft-json-cil-dev',
    versions: () => {
      const mono = firstLine(run('mono', ['--version']).out).replace(/\s*\(.*$/, '');
      const nj = `Newtonsoft.Json ${debVersion('libnewtonsoft-json5.0-cil') ?? '?'} (Debian)`;
      return {
        'dotnet-newtonsoft-jobject': `${mono}, ${nj}, JObject.ToString()`,
        'dotnet-newtonsoft-poco': `${mono}, ${nj}, JsonConvert.SerializeObject (defaults)`,
      };
    },
    produce: (tmp, out) => {
      const exe = path.join(tmp, 'Produce.exe');
      const c = run('mcs', ['-langversion:7', `-r:${newtonsoftDll()}`, `-out:${exe}`, path.join(HERE, 'dotnet', 'Produce.cs')]);
      return c.ok ? run('mono', [exe, out]) : c;
    },
  },
];

if (only) {
  const known = new Set(SERIALIZERS.map((s) => s.id));
  for (const id of only) if (!known.has(id)) usage(`unknown serializer: ${id}`);
}

/** Rewrites the versions table between the README's markers, keeping rows of serializers not run now. */
function updateVersions(readme, versions) {
  if (!fs.existsSync(readme)) return;
  const text = fs.readFileSync(readme, 'utf8');
  const start = '<!-- versions:start -->';
  const end = '<!-- versions:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  const rows = new Map();
  for (const line of text.slice(a + start.length, b).split('\n')) {
    const m = /^\| `([^`]+)` \| (.*) \|$/.exec(line.trim());
    if (m) rows.set(m[1], m[2]);
  }
  for (const [name, v] of Object.entries(versions)) rows.set(name, v);
  const order = SERIALIZERS.flatMap((s) => s.fixtures);
  const names = [...rows.keys()].sort((x, y) => (order.indexOf(x) + 1 || 99) - (order.indexOf(y) + 1 || 99));
  const table = ['', '| fixture | produced with |', '|---|---|', ...names.map((n) => `| \`${n}\` | ${rows.get(n)} |`), ''].join('\n');
  fs.writeFileSync(readme, text.slice(0, a + start.length) + table + text.slice(b));
}

fs.mkdirSync(outDir, { recursive: true });
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-serializers-'));
const ran = [];
const notRun = [];
const failed = [];
const versions = {};
try {
  for (const s of SERIALIZERS) {
    if (only && !only.has(s.id)) continue;
    const missing = s.missing();
    if (missing) {
      notRun.push(`${s.id} (${s.fixtures.join(', ')}): missing ${missing}; install: ${s.install}`);
      continue;
    }
    const tmp = path.join(tmpRoot, s.id);
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out, { recursive: true });
    const r = s.produce(tmp, out);
    const expected = s.fixtures.flatMap((f) => [`${f}.timeline.json`, `${f}-request.timeline.json`]);
    const problems = [];
    if (!r.ok) problems.push(r.out);
    for (const f of expected) {
      const p = path.join(out, f);
      if (!fs.existsSync(p)) problems.push(`${f} was not written`);
      else {
        try {
          JSON.parse(fs.readFileSync(p, 'utf8'));
        } catch (e) {
          problems.push(`${f} is not valid JSON: ${e.message}`);
        }
      }
    }
    if (problems.length) {
      failed.push(`${s.id}: ${problems.join('; ')}`);
      continue;
    }
    // Only a complete, valid set replaces the committed fixtures.
    for (const f of expected) fs.copyFileSync(path.join(out, f), path.join(outDir, f));
    Object.assign(versions, s.versions());
    ran.push(`${s.id}: ${expected.join(', ')}`);
  }
} finally {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
}
updateVersions(path.join(outDir, 'README.md'), versions);

for (const line of ran) console.log(`ran      ${line}`);
for (const line of notRun) console.log(`NOT RUN  ${line}`);
for (const line of failed) console.log(`FAILED   ${line}`);
for (const h of HAND_WRITTEN) console.log(`by hand  ${h.name}: ${h.why}`);
console.log(`${ran.length} serializers ran, ${notRun.length} not run, ${failed.length} failed; fixtures in ${path.relative(process.cwd(), outDir) || '.'}`);
process.exit(failed.length || (requireAll && notRun.length) ? 1 : 0);
