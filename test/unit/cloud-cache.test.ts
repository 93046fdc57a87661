// The bounded cache with expiry behind every cloud answer (media facts, listings).
import * as assert from 'node:assert/strict';
import { TtlCache } from '../../client/src/vod/catalog/cache';

suite('cloud cache', () => {
  let clock = 0;
  const now = () => clock;
  setup(() => { clock = 1_000; });

  test('a value is returned until it expires, then it is gone', () => {
    const c = new TtlCache<string, number>({ maxEntries: 10, ttlMs: 100, now });
    c.set('a', 1);
    clock += 99;
    assert.equal(c.get('a'), 1);
    clock += 1;
    assert.equal(c.get('a'), undefined);
    assert.equal(c.size, 0, 'an expired entry is dropped when read');
  });

  test('a per-entry time to live wins over the default', () => {
    const c = new TtlCache<string, string>({ maxEntries: 10, ttlMs: 1000, now });
    c.set('found', 'x');
    c.set('missing', 'y', 10);
    clock += 20;
    assert.equal(c.get('found'), 'x');
    assert.equal(c.get('missing'), undefined);
  });

  test('bounded: the least recently used entry goes first', () => {
    const c = new TtlCache<string, number>({ maxEntries: 3, ttlMs: 1000, now });
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    assert.equal(c.get('a'), 1, 'reading a makes it recent');
    c.set('d', 4);
    assert.equal(c.size, 3);
    assert.equal(c.get('b'), undefined, 'b was the least recently used');
    assert.deepEqual([c.get('a'), c.get('c'), c.get('d')], [1, 3, 4]);
    c.set('c', 30);
    c.set('e', 5);
    assert.equal(c.get('a'), undefined);
    assert.equal(c.get('c'), 30);
  });

  test('stale() still gives an expired value with its age (offline fallback), without keeping it alive', () => {
    const c = new TtlCache<string, number[]>({ maxEntries: 2, ttlMs: 50, now });
    c.set('list', [1, 2]);
    clock += 80;
    assert.deepEqual(c.stale('list'), { value: [1, 2], ageMs: 80, expired: true });
    assert.equal(c.has('list'), false);
    assert.equal(c.stale('list'), undefined, 'has() dropped the expired entry');
    assert.equal(c.stale('other'), undefined);
  });

  test('prune, delete and clear', () => {
    const c = new TtlCache<number, number>({ maxEntries: 100, ttlMs: 10, now });
    for (let i = 0; i < 5; i++) c.set(i, i, i < 3 ? 5 : 50);
    clock += 6;
    assert.equal(c.prune(), 3);
    assert.equal(c.size, 2);
    c.delete(3);
    assert.equal(c.size, 1);
    c.clear();
    assert.equal(c.size, 0);
  });

  test('a cache needs room for one entry', () => {
    assert.throws(() => new TtlCache({ maxEntries: 0, ttlMs: 1 }), RangeError);
  });
});
