// Every feature of the language service on one document, at random offsets, as the LSP server and the
// CLI call them; exceptions are caught per call, results get cheap sanity checks (ranges inside the
// text, edits that apply). Shared by the fuzz workers and by `npm run fuzz -- --doc I` (one document,
// in-process, with per-call timings).

export const FEATURES = [
  'parse', 'validate', 'validate:zh-cn', 'symbols', 'folding', 'complete', 'hover', 'definition', 'references', 'prepareRename',
  'rename', 'selectionRanges', 'format', 'formatRange', 'codeActions', 'fixAll', 'fixAll:reparse', 'layout', 'summary',
  'produceRequest', 'colors', 'colorPresentations', 'inlayHints', 'inlayHintTooltip', 'complete:race', 'dispose',
];

const RULE_SETTINGS = [
  {},
  { region: 'ap-southeast-1' },
  { region: 'cn-shanghai', rules: { 'timing/*': 'off', 'schema/unknown-key': 'error' } },
  { region: 'eu-central-1', rules: { 'syntax/*': 'hint', 'limits/tracks': 'off' } },
];

function offsets(rnd, length, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = rnd.next();
    // Mostly inside the text; the edges; now and then outside it (a stale position from a client).
    if (r < 0.85) out.push(rnd.int(0, length));
    else if (r < 0.95) out.push(rnd.pick([0, length, Math.max(0, length - 1)]));
    else out.push(rnd.pick([-1, length + 1, length + 1000]));
  }
  return out;
}

function checkRange(text, start, end) {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= text.length;
}

export async function checkDocument(service, d, onStart, onEnd, timings) {
  const errors = [];
  const badResults = [];
  let slowest = { feature: '', ms: 0 };
  const rnd = d.rnd;
  const text = d.text;
  const call = async (feature, fn) => {
    onStart(feature);
    const t0 = performance.now();
    try {
      return await fn();
    } catch (e) {
      errors.push({ feature, message: String(e?.message ?? e).slice(0, 500), stack: String(e?.stack ?? '').split('\n').slice(0, 8).join('\n') });
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { feature, ms };
      timings?.push({ feature, ms });
      onEnd();
    }
  };
  const bad = (feature, detail) => {
    if (badResults.length < 5) badResults.push({ feature, detail: String(detail).slice(0, 300) });
  };

  const doc = await call('parse', () => service.parse(text, 1, 'file:///fuzz/doc.timeline.json'));
  if (!doc) return { errors, badResults, slowest };
  const huge = text.length > 1_000_000;
  const settings = rnd.pick(RULE_SETTINGS);
  const diagnostics = (await call('validate', () => service.validate(doc, settings))) ?? [];
  if (!Array.isArray(diagnostics)) bad('validate', 'not an array');
  for (const x of diagnostics) {
    if (!checkRange(text, x.start, x.end)) bad('validate', `${x.code} range ${x.start}-${x.end} of ${text.length}`);
    if (typeof x.message !== 'string' || !x.message) bad('validate', `${x.code} without a message`);
    for (const f of x.fixes ?? []) for (const e of f.edits) if (!checkRange(text, e.start, e.end)) bad('validate', `${x.code} fix edit ${e.start}-${e.end}`);
  }
  await call('validate:zh-cn', () => service.validate(doc, rnd.pick(RULE_SETTINGS), 'zh-cn'));
  await call('symbols', () => service.symbols(doc, rnd.chance(0.5) ? 'en' : 'zh-cn'));
  await call('folding', () => service.folding(doc));

  const points = offsets(rnd, text.length, huge ? 3 : 6);
  for (const p of points) {
    await call('complete', () => service.complete(doc, p, rnd.chance(0.8) ? 'en' : 'zh-cn'));
    await call('hover', () => service.hover(doc, p, rnd.chance(0.8) ? 'en' : 'zh-cn'));
    await call('definition', () => service.definition(doc, p));
    await call('references', () => service.references(doc, p, rnd.chance(0.5)));
    await call('prepareRename', () => service.prepareRename(doc, p));
    const edits = await call('rename', () => service.rename(doc, p, rnd.pick(['clip-2', '', '"', 'a\\b', '😀', 'x'.repeat(300)])));
    for (const e of edits ?? []) if (!checkRange(text, e.start, e.end)) { bad('rename', `edit ${e.start}-${e.end}`); break; }
  }
  await call('selectionRanges', () => service.selectionRanges(doc, points));

  const formatOptions = { tabSize: rnd.pick([0, 1, 2, 4, 8]), insertSpaces: rnd.chance(0.7), eol: rnd.pick([undefined, '\n', '\r\n']) };
  const fmt = await call('format', () => service.format(doc, formatOptions));
  for (const e of fmt ?? []) if (!checkRange(text, e.start, e.end)) { bad('format', `edit ${e.start}-${e.end}`); break; }
  const [a, b] = offsets(rnd, text.length, 2).sort((x, y) => x - y);
  await call('formatRange', () => service.format(doc, formatOptions, { start: a, end: b }));

  const ranges = [[a, b], ...diagnostics.slice(0, 4).map((x) => [x.start, x.end])];
  for (const [s, e] of ranges) {
    await call('codeActions', () => service.codeActions(doc, s, e, settings, 'en', rnd.chance(0.3) ? [rnd.pick(['quickfix', 'source.fixAll', 'source'])] : undefined));
  }
  const fixed = await call('fixAll', () => service.fixAll(doc, settings));
  if (fixed && fixed.text !== text && !huge) {
    // What `validate --fix` writes must parse and validate again without trouble.
    await call('fixAll:reparse', () => {
      const again = service.parse(fixed.text, 2, 'file:///fuzz/doc.timeline.json');
      service.validate(again, settings);
      again.dispose();
    });
  }
  await call('layout', () => service.layout(doc, rnd.chance(0.3) ? { mediaDuration: (id) => (id.length % 3 ? id.length : undefined) } : undefined));
  await call('summary', () => service.summary(doc, settings));
  await call('produceRequest', () => service.produceRequest(doc, rnd.chance(0.5) ? { appId: 'app-fuzz' } : undefined));
  // The editor's colour swatches and picker: on every swatch found, and at random ranges (a stale one).
  const colors = (await call('colors', () => service.colors(doc))) ?? [];
  for (const c of colors) {
    if (!checkRange(text, c.start, c.end)) bad('colors', `range ${c.start}-${c.end} of ${text.length}`);
    if (!['red', 'green', 'blue', 'alpha'].every((k) => c.color[k] >= 0 && c.color[k] <= 1)) bad('colors', `colour ${JSON.stringify(c.color)}`);
  }
  const picked = { red: rnd.next(), green: rnd.next(), blue: rnd.next(), alpha: rnd.pick([1, 0.5, 0]) };
  const [c0, c1] = colors.length && rnd.chance(0.7) ? [colors[0].start, colors[0].end] : offsets(rnd, text.length, 2).sort((x, y) => x - y);
  const presentations = (await call('colorPresentations', () => service.colorPresentations(doc, c0, c1, picked))) ?? [];
  for (const p of presentations) if (typeof p.label !== 'string' || !p.label) bad('colorPresentations', `label ${JSON.stringify(p.label)}`);
  // Inlay hints over the whole text or a random range, then one hint's tooltip on its own (resolve).
  const [h0, h1] = rnd.chance(0.5) ? [0, text.length] : offsets(rnd, text.length, 2).sort((x, y) => x - y);
  const hints = (await call('inlayHints', () => service.inlayHints(doc, { start: h0, end: h1 }, settings, rnd.chance(0.8) ? 'en' : 'zh-cn', { tooltips: rnd.chance(0.5) }))) ?? [];
  for (const h of hints) {
    if (!checkRange(text, h.offset, h.offset)) bad('inlayHints', `offset ${h.offset} of ${text.length}`);
    if (typeof h.label !== 'string' || !h.label) bad('inlayHints', `label ${JSON.stringify(h.label)}`);
  }
  const tipAt = hints.length && rnd.chance(0.7) ? rnd.pick(hints).offset : offsets(rnd, text.length, 1)[0];
  await call('inlayHintTooltip', () => service.inlayHintTooltip(doc, tipAt, settings, 'en'));

  if (!huge && rnd.chance(0.2)) {
    // The server's pattern: a completion is awaiting MediaIds from the client when a newer version
    // arrives; the old parse is disposed on the next turn and its buffers go to the next parse.
    await call('complete:race', async () => {
      const pending = service.complete(doc, points[0], 'en');
      await new Promise((r) => setImmediate(r));
      doc.dispose();
      const next = service.parse(text.slice(0, Math.floor(text.length / 2)), 3, 'file:///fuzz/other.timeline.json');
      service.validate(next);
      await pending;
      next.dispose();
    });
  } else {
    await call('dispose', () => doc.dispose());
  }
  return { errors, badResults, slowest };
}
