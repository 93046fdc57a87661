// The little harness of the smoke stages (start, vsix): a fixed list of named checks, each run at most
// once, and the closing line scripts/test.mjs reads: "P passed, F failed, N not run", where a check that
// never ran (an earlier one failed, the stage stopped) counts as not run, and fails the stage.
import net from 'node:net';

export function checklist(names, say) {
  let passed = 0;
  let failed = 0;
  let done = 0;
  return {
    /** Runs one check; true if it passed. */
    async check(name, fn) {
      const t = Date.now();
      done++;
      try {
        await fn();
        passed++;
        say(`ok   ${name} (${Date.now() - t} ms)`);
        return true;
      } catch (e) {
        failed++;
        say(`FAIL ${name}: ${e?.message ?? e}`);
        return false;
      }
    },
    /** Prints the closing line and exits: 0 only when every check ran and passed. */
    finish() {
      const notRun = names.length - done;
      console.log(`${passed} passed, ${failed} failed, ${notRun} not run`);
      process.exit(failed || notRun ? 1 : 0);
    },
  };
}

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
