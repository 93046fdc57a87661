// The CLI's top level: a crash inside a command is a bug, reported as one (stack, exit 70), never
// dressed up as a usage error (exit 2).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_NAMES, main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';
import { ROOT } from '../helpers/service';

suite('CLI: internal errors', () => {
  test('an exception inside a command exits 70 with its stack on stderr', async () => {
    let stderr = '';
    const io: Io = {
      // The rules listing writes through stdout: make the first write throw like a bug would.
      stdout: () => { throw new TypeError('boom in a command'); },
      stderr: (s) => { stderr += s; },
      readStdin: async () => '',
      cwd: ROOT,
      env: { LANG: 'en_US.UTF-8' },
    };
    const code = await main(['rules'], io);
    assert.equal(code, 70, stderr);
    assert.match(stderr, /^vod-timeline rules: internal error \(a bug in vod-timeline; please report it with this output\), exit code 70:/);
    assert.match(stderr, /TypeError: boom in a command\n\s+at /, 'the stack is printed');
  });

  test('a bad flag is still a usage error (exit 2), without a stack', async () => {
    let stderr = '';
    const io: Io = { stdout: () => undefined, stderr: (s) => { stderr += s; }, readStdin: async () => '', cwd: ROOT, env: { LANG: 'en_US.UTF-8' } };
    assert.equal(await main(['rules', '--no-such-flag'], io), 2);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});

suite('CLI: per-command help', () => {
  const capture = async (argv: string[], env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }) => {
    let stdout = '';
    let stderr = '';
    const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => '', cwd: ROOT, env };
    return { code: await main(argv, io), stdout, stderr };
  };
  // The README's synopsis, one line per command form: every option it shows is in that command's help.
  const synopsis = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').filter((l) => l.startsWith('vod-timeline '));

  test('help COMMAND, COMMAND --help and COMMAND -h print the same usage, options and example on stdout, exit 0', async () => {
    assert.deepEqual([...COMMAND_NAMES].sort(), ['emulator', 'inspect', 'lsp', 'produce', 'rules', 'status', 'upload', 'validate']);
    for (const command of COMMAND_NAMES) {
      const help = await capture(['help', command]);
      assert.deepEqual([help.code, help.stderr], [0, ''], command);
      assert.match(help.stdout, new RegExp(`^usage: vod-timeline ${command}\\b`, 'i'), command);
      assert.match(help.stdout, /^options:$/im, command);
      assert.match(help.stdout, /^  -h, --help +show this help$/m, command);
      // An example that runs the command itself (lsp's is an editor's setting that starts it).
      assert.match(help.stdout, new RegExp(`^example[^\\n]*:\\n  [^\\n]*vod-timeline\\W+${command}\\b`, 'im'), command);
      for (const flag of ['--help', '-h']) assert.deepEqual(await capture([command, flag]), help, `${command} ${flag}`);
      const documented = synopsis.filter((l) => l.split(' ')[1] === command).flatMap((l) => l.match(/--[\w-]+/g) ?? []);
      assert.ok(documented.length || command === 'lsp', command);
      for (const option of documented) assert.ok(help.stdout.includes(option), `${command}: ${option} is not in its help`);
    }
  });

  test('in Simplified Chinese with --locale zh-cn or LANG, every command', async () => {
    for (const command of COMMAND_NAMES) {
      const byOption = await capture([command, '--help', '--locale', 'zh-cn']);
      assert.equal(byOption.code, 0, command);
      assert.match(byOption.stdout, new RegExp(`^用法：vod-timeline ${command}\\b`), command);
      assert.match(byOption.stdout, /^示例[^\n]*：$/m, command);
      assert.deepEqual(await capture(['help', command], { LANG: 'zh_CN.UTF-8' }), byOption, command);
    }
  });

  test('help for an unknown command: said on stderr with the list of commands, exit 2', async () => {
    const r = await capture(['help', 'nosuch']);
    assert.deepEqual([r.code, r.stdout], [2, '']);
    assert.equal(r.stderr, `vod-timeline help: no command "nosuch"; the commands are: ${COMMAND_NAMES.join(', ')}\n`);
    const zh = await capture(['help', 'nosuch', '--locale', 'zh-cn']);
    assert.equal(zh.code, 2);
    assert.match(zh.stderr, /^vod-timeline help: 没有命令 "nosuch"；可用的命令：validate, /);
  });

  test('after --, --help is a file name, not a request for help', async () => {
    const r = await capture(['inspect', '--', '--help']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', 'cannot read --help: no such file or directory\n']);
  });

  test('help alone (and --help) still prints the list of commands, which mentions per-command help', async () => {
    const r = await capture(['help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^usage: vod-timeline <command> \[options\]\n/);
    assert.match(r.stdout, /help \[COMMAND\], COMMAND --help/);
    assert.deepEqual(await capture(['--help']), r);
    assert.deepEqual(await capture(['help', 'help']), r);
  });
});
