// The CLI's top level: a crash inside a command is a bug, reported as one (stack, exit 70), never
// dressed up as a usage error (exit 2).
import * as assert from 'node:assert/strict';
import { main } from '../../cli/src/main';
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
