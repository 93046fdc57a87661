// Mocha's spec output plus two machine-readable lines for scripts/test.mjs: the plan before the first
// test ("mocha: plan N tests", after --grep) and the outcome at the end ("mocha: P passed, F failed,
// S pending"). A run that dies between the two still said how many tests it meant to run, so the
// runner can count the rest as not run instead of guessing.
// With VOD_TIMELINE_TEST_TALLY set, each finished test also appends one letter to that file (p, f, s):
// what passed before a process that died mid-run is then still known.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const tallyFile = process.env.VOD_TIMELINE_TEST_TALLY;
const tally = (letter) => { if (tallyFile) fs.appendFileSync(tallyFile, letter); };

const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let pending = 0;
    let hooks = 0;
    runner.once(EVENT_RUN_BEGIN, () => console.log(`mocha: plan ${runner.total} tests`));
    runner.on(EVENT_TEST_PASS, () => { passed++; tally('p'); });
    // A failing hook is not a test: the tests it stops are counted as not run, the hook on its own.
    runner.on(EVENT_TEST_FAIL, (test) => { if (test.type === 'hook') hooks++; else { failed++; tally('f'); } });
    runner.on(EVENT_TEST_PENDING, () => { pending++; tally('s'); });
    runner.once(EVENT_RUN_END, () => console.log(`mocha: ${passed} passed, ${failed} failed, ${pending} pending, ${hooks} hooks failed`));
  }
}

module.exports = CountingReporter;
