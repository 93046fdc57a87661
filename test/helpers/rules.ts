// Table-driven rule tests: a document that triggers a code (exact range, severity, covered text,
// a key phrase of the message, optionally the text after its preferred fix) and a near miss that
// does not; plus a check that every code of the group has such a case.

import * as assert from 'node:assert/strict';
import { CODE_INFO, CODES, type ServiceSettings, type TimelineService } from '../../server/src/service';
import { apply, diagnose, type Compact } from './service';

interface Expected {
  severity: string;
  /** 0-based `line:character-line:character`. */
  range: string;
  /** The text the range covers. */
  text: string;
  /** A key phrase of the message. */
  message: RegExp;
}

interface RuleCase {
  code: string;
  name: string;
  text: string;
  settings?: ServiceSettings;
  locale?: string;
  /** Every diagnostic with `code`, in document order. */
  expect: Expected[];
  /** Text after applying the first diagnostic's preferred fix (or its first fix). */
  fixed?: string;
  /** A document close to `text` that must not report `code`. */
  nearMiss: string;
  nearMissSettings?: ServiceSettings;
  /** Codes the near miss may report (default: none at all, the near miss is clean). */
  nearMissAllows?: string[];
  /** A service built with another schema (to reach what the bundled schema never asks for). */
  service?: TimelineService;
}

function shape(d: Compact): Omit<Expected, 'message'> & { message: string } {
  return { severity: d.severity, range: d.range, text: d.text, message: d.message };
}

export function ruleCases(group: string, cases: RuleCase[]): void {
  for (const c of cases) {
    test(`${c.code}: ${c.name}`, () => {
      const { doc, diagnostics, list } = diagnose(c.text, c.settings, c.locale, c.service);
      const found = list.filter((d) => d.code === c.code);
      assert.deepEqual(found.map((d) => ({ severity: d.severity, range: d.range, text: d.text })), c.expect.map((e) => ({ severity: e.severity, range: e.range, text: e.text })), JSON.stringify(list.map(shape), null, 1));
      found.forEach((d, i) => assert.match(d.message, c.expect[i].message));
      // One code, one default severity: every diagnostic of the document, unless the case changes `rules`.
      if (!c.settings?.rules) for (const d of list) assert.equal(d.severity, CODE_INFO.get(d.code)?.severity, `${d.code} at ${d.range}: not its default severity`);
      if (c.fixed !== undefined) {
        const d = diagnostics.find((x) => x.code === c.code)!;
        const fix = d.fixes?.find((f) => f.preferred) ?? d.fixes?.[0];
        assert.ok(fix, `${c.code} has no fix`);
        assert.equal(apply(doc.text, fix.edits), c.fixed);
      }
    });
    test(`${c.code}: near miss`, () => {
      const { list } = diagnose(c.nearMiss, c.nearMissSettings ?? c.settings, c.locale, c.service);
      const unexpected = list.filter((d) => d.code === c.code || !(c.nearMissAllows ?? []).includes(d.code));
      assert.deepEqual(unexpected.map(shape), []);
    });
  }
  test(`every ${group}/ code has a triggering document and a near miss`, () => {
    const covered = new Set(cases.map((c) => c.code));
    const missing = CODES.filter((info) => info.group === group && !covered.has(info.code)).map((info) => info.code);
    assert.deepEqual(missing, []);
    for (const c of cases) assert.ok(CODES.some((info) => info.code === c.code), `unknown code ${c.code}`);
  });
  test(`every fixable ${group}/ code offers a fix in one of its cases`, () => {
    for (const info of CODES.filter((i) => i.group === group && i.fixable)) {
      const withFix = cases.filter((c) => c.code === info.code && c.fixed !== undefined);
      assert.ok(withFix.length > 0, `${info.code} is marked fixable but no case applies its fix`);
    }
  });
}
