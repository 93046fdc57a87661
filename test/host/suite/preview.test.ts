// The timeline preview in a real VS Code: it opens beside the editor, draws one bar per clip, a click on
// a bar selects that clip's JSON, the editor's cursor highlights the bar, arrow keys and Enter work,
// edits and diagnostics show up live; and the time to first paint and to update after an edit on the
// 6,600-clip document, printed for the benchmark. The webview is driven through the extension's test
// hooks (vodTimeline.preview._testState/_testClick/_testKey), which go through the same hit testing
// and keyboard code as a mouse and a keyboard.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openDocument, openUntitled, waitFor, waitForDiagnostics } from '../helpers';
// The panel's own type: a type-only import, erased from the bundle (scripts/host/build-tests.mjs), so the
// suite does not pull in the extension's code.
import type { PreviewTestState as PreviewState } from '../../../client/src/preview/panel';
import { monotonicUs, profiled } from '../profile';

/** Fields the panel declares but left unset (a webview message without them) would read as undefined. */
function assertComplete(state: PreviewState): void {
  const unset = Object.entries(state).filter(([, v]) => v === undefined).map(([k]) => k);
  assert.deepEqual(unset, [], 'every field of the preview\'s test state is set (null where unknown)');
}

const PREVIEW_TIMEOUT_MS = 60000;

/** The preview's state once it has drawn `doc` at its current version. */
async function rendered(doc: vscode.TextDocument, timeoutMs = PREVIEW_TIMEOUT_MS): Promise<PreviewState> {
  const state = await vscode.commands.executeCommand<PreviewState | undefined>('vodTimeline.preview._testState', { uri: doc.uri.toString(), waitForVersion: doc.version, timeoutMs });
  assert.ok(state, `a preview of ${doc.uri.toString()}`);
  assert.equal(state.lastError, null, 'no error in the preview');
  assert.ok(state.renderedVersion >= doc.version, `drawn version ${state.renderedVersion} ≥ document version ${doc.version}`);
  assertComplete(state);
  return state;
}

async function state(doc: vscode.TextDocument): Promise<PreviewState> {
  const s = await vscode.commands.executeCommand<PreviewState | undefined>('vodTimeline.preview._testState', { uri: doc.uri.toString() });
  assert.ok(s);
  return s;
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('vodTimeline.preview'));
}

/** The range of the clip object whose text contains `needle` (one clip per line in these files). */
function clipRange(doc: vscode.TextDocument, needle: string): vscode.Range {
  const text = doc.getText();
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in the document`);
  const open = text.lastIndexOf('{', at);
  const close = text.indexOf('}', at);
  return new vscode.Range(doc.positionAt(open), doc.positionAt(close + 1));
}

function editorOf(doc: vscode.TextDocument): vscode.TextEditor {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  assert.ok(editor, 'the document shows in an editor');
  return editor;
}

/** The webview's phases (ms after the panel was created, about `marks.open`) as marks for the profile summary. */
function phaseMarks(marks: Record<string, number>, s: PreviewState): void {
  const at = (ms: number | null) => (ms === null ? undefined : Math.round(marks.open + ms * 1000));
  Object.assign(marks, { webviewPage: at(s.webviewOriginMs), webviewHtml: at(s.webviewHtmlMs), webviewLoaded: at(s.webviewLoadedMs), webviewScript: at(s.webviewScriptMs), webviewReady: at(s.webviewReadyMs) });
}

/**
 * A webview panel beside the active editor whose page only posts back when its script runs: what VS Code
 * alone costs before a webview's script runs. Milliseconds from creating the panel to the page's start
 * and to its script's message.
 */
async function bareWebviewBeside(): Promise<{ pageMs: number; scriptMs: number }> {
  const t0 = Date.now();
  const panel = vscode.window.createWebviewPanel('vodTimeline.test.bare', 'bare', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
  try {
    const got = new Promise<{ origin: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the bare webview did not post within 60 s')), 60000);
      panel.webview.onDidReceiveMessage((m: { origin: number }) => { clearTimeout(timer); resolve(m); });
    });
    panel.webview.html = '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\'"></head>'
      + '<body><script>acquireVsCodeApi().postMessage({ origin: performance.timeOrigin });</script></body></html>';
    const m = await got;
    return { pageMs: Math.round(m.origin - t0), scriptMs: Date.now() - t0 };
  } finally {
    panel.dispose();
  }
}

/** `text` opened as a new untitled document, validated, then a bare webview beside it (see bareWebviewBeside). */
async function bareBesideFresh(text: string, name: string): Promise<{ pageMs: number; scriptMs: number }> {
  const d = await openUntitled(text);
  await waitForDiagnostics(d.uri, () => true, 60000).catch(() => undefined);
  const r = await profiled(name, async (marks) => {
    marks.open = monotonicUs();
    const r = await bareWebviewBeside();
    marks.webviewPage = Math.round(marks.open + r.pageMs * 1000);
    marks.painted = monotonicUs();
    return r;
  });
  await closeAllEditors();
  return r;
}

/** Edits timed on the 6,600-clip document. */
const EDITS = 7;

/** The benchmark's max-scale timeline: 100 video, 20 audio and 100 subtitle tracks of 30 clips (6,600). */
function maxTimeline(): string {
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const id = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  const materials = Array.from({ length: 200 }, id);
  const clips = (n: number, make: (t: number, d: number) => Record<string, unknown>) => {
    const out: Record<string, unknown>[] = [];
    let t = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.round((2 + random() * 10) * 1000) / 1000;
      out.push(make(Math.round(t * 1000) / 1000, d));
      t += d;
    }
    return out;
  };
  const media = (t: number, d: number) => {
    const start = Math.round(random() * 200 * 1000) / 1000;
    return { MediaId: materials[Math.floor(random() * materials.length)], In: start, Out: Math.round((start + d) * 1000) / 1000, TimelineIn: t, TimelineOut: Math.round((t + d) * 1000) / 1000, Effects: [{ Type: 'Volume', Gain: 1 }] };
  };
  return JSON.stringify({
    VideoTracks: Array.from({ length: 100 }, () => ({ VideoTrackClips: clips(30, media) })),
    AudioTracks: Array.from({ length: 20 }, () => ({ AudioTrackClips: clips(30, media) })),
    SubtitleTracks: Array.from({ length: 100 }, (_, k) => ({ SubtitleTrackClips: clips(30, (t, d) => ({ Type: 'Text', Content: `Line ${k}`, TimelineIn: t, TimelineOut: Math.round((t + d) * 1000) / 1000, FontSize: 40 })) })),
  }, null, 2);
}

suite('preview', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('Open Preview to the Side opens a webview beside the editor with one bar per clip', async () => {
    const doc = await openDocument('two-clips.timeline.json');
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
    const s = await rendered(doc);
    assert.equal(s.lanes, 2, 'a video and an audio lane');
    assert.equal(s.bars, 3, 'three clips');
    assert.equal(s.duration, 11);
    assert.ok(s.drawn === 3, `all three bars drawn (${s.drawn})`);
    const tabs = previewTabs();
    assert.equal(tabs.length, 1, 'one preview tab');
    assert.notEqual(tabs[0].group.viewColumn, editorOf(doc).viewColumn, 'beside the editor');
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'the editor keeps the focus, as with Markdown');
  });

  test('Open Preview again reveals the same panel instead of a second one', async () => {
    const doc = await openDocument('two-clips.timeline.json');
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
    await rendered(doc);
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide', doc.uri);
    assert.equal(previewTabs().length, 1);
  });

  test('Open Preview (not to the side) opens in the editor\'s group', async () => {
    const doc = await openDocument('short.timeline.json');
    const column = editorOf(doc).viewColumn;
    await vscode.commands.executeCommand('vodTimeline.openPreview');
    const s = await rendered(doc);
    assert.equal(s.bars, 1);
    assert.equal(previewTabs()[0].group.viewColumn, column);
  });

  test('clicking a bar selects that clip\'s JSON in the editor', async () => {
    const doc = await openDocument('two-clips.timeline.json');
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
    await rendered(doc);
    const expected = clipRange(doc, 'd0b9f1c8a3e24b7f9c6e5a4d3b2c1f0e');
    assert.ok(await vscode.commands.executeCommand('vodTimeline.preview._testClick', { uri: doc.uri.toString(), kind: 'video', track: 0, clip: 1 }));
    const selection = await waitFor(() => {
      const sel = editorOf(doc).selection;
      return sel.isEqual(new vscode.Selection(expected.start, expected.end)) ? sel : undefined;
    }, vscode.window.onDidChangeTextEditorSelection, 'the second video clip selected');
    assert.equal(doc.getText(selection), '{ "MediaId": "d0b9f1c8a3e24b7f9c6e5a4d3b2c1f0e", "In": 2, "Out": 8 }');
    assert.deepEqual((await state(doc)).current, { kind: 'video', track: 0, clip: 1 });
  });

  test('moving the cursor in the editor highlights the bar; arrow keys move from there, Enter selects', async () => {
    const doc = await openDocument('two-clips.timeline.json');
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
    await rendered(doc);
    const editor = editorOf(doc);
    const first = clipRange(doc, '4b15846bcb3ea8c958fe1e7f3da85ae2');
    editor.selection = new vscode.Selection(first.start.translate(0, 5), first.start.translate(0, 5));
    await waitFor(async () => (await state(doc)).current?.clip === 0 && (await state(doc)).current?.kind === 'video', vscode.window.onDidChangeTextEditorSelection, 'bar of video clip 0 highlighted');
    // → moves to the next bar of the track, ↓ to the audio lane; the webview reports each move.
    assert.ok(await vscode.commands.executeCommand('vodTimeline.preview._testKey', { uri: doc.uri.toString(), key: 'ArrowRight' }), 'the webview acted on ArrowRight');
    assert.deepEqual((await state(doc)).current, { kind: 'video', track: 0, clip: 1 });
    assert.ok(await vscode.commands.executeCommand('vodTimeline.preview._testKey', { uri: doc.uri.toString(), key: 'ArrowDown' }));
    assert.deepEqual((await state(doc)).current, { kind: 'audio', track: 0, clip: 0 });
    assert.ok(await vscode.commands.executeCommand('vodTimeline.preview._testKey', { uri: doc.uri.toString(), key: 'Enter' }));
    const audio = clipRange(doc, '9f8e7d6c5b4a39281706f5e4d3c2b1a0');
    await waitFor(() => editor.selection.isEqual(new vscode.Selection(audio.start, audio.end)), vscode.window.onDidChangeTextEditorSelection, 'Enter selected the audio clip');
  });

  test('follows the document as you type', async () => {
    const doc = await openUntitled('{ "VideoTracks": [ { "VideoTrackClips": [ { "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2", "In": 0, "Out": 5 } ] } ] }');
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
    let s = await rendered(doc);
    assert.equal(s.bars, 1);
    assert.equal(s.duration, 5);
    const editor = editorOf(doc);
    const end = doc.getText().indexOf(' ] } ] }');
    await editor.edit((b) => b.insert(doc.positionAt(end), ', { "MediaId": "d0b9f1c8a3e24b7f9c6e5a4d3b2c1f0e", "Out": 3 }'));
    s = await rendered(doc);
    assert.equal(s.bars, 2);
    assert.equal(s.duration, 8, 'the new clip follows the first: 5 + 3 s');
  });

  test('errors and warnings are marked on their clips', async () => {
    const doc = await openUntitled(JSON.stringify({
      VideoTracks: [{ VideoTrackClips: [
        { MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 'eight', Out: 5 },
        { MediaId: 'd0b9f1c8a3e24b7f9c6e5a4d3b2c1f0e', In: 0, Out: 4 },
      ] }],
    }, null, 2));
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
    // The webview reports what it marks after every update: wait until it marks the error.
    const s = await vscode.commands.executeCommand<PreviewState>('vodTimeline.preview._testState', { uri: doc.uri.toString(), waitForVersion: doc.version, waitForErrors: 1 });
    assert.equal(s.clipsWithErrors, 1, 'a word where seconds belong (schema/type): the first clip');
    assert.equal(s.clipsWithWarnings, 0);
    assert.ok(s.errors >= 1);
  });

  test('CodeLens: the output, each track\'s range, and (without inlay hints) the times of clips that leave them out', async () => {
    const doc = await openUntitled(JSON.stringify({
      VideoTracks: [{ MainTrack: true, VideoTrackClips: [
        { MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 5 },
        { MediaId: 'd0b9f1c8a3e24b7f9c6e5a4d3b2c1f0e', In: 2, Out: 8, TimelineIn: 5, TimelineOut: 11 },
        { MediaId: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', In: 4 },
      ] }],
    }, null, 2));
    await waitForDiagnostics(doc.uri, () => true).catch(() => undefined);
    const lensTitles = async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return (lenses ?? []).map((l) => l.command?.title ?? '').filter(Boolean);
    };
    // With the inlay hints on (the default) the clips' times are in the hints, not in lenses too.
    const withHints = await waitFor(async () => {
      const list = await lensTitles();
      return list.length >= 2 ? list : undefined;
    }, [vscode.languages.onDidChangeDiagnostics, vscode.workspace.onDidChangeTextDocument], 'CodeLens titles with inlay hints');
    assert.equal(withHints.length, 2, JSON.stringify(withHints));
    const config = vscode.workspace.getConfiguration('vodTimeline');
    const before = config.inspect('inlayHints.enabled')?.globalValue;
    await config.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Global);
    let titles: string[];
    try {
      titles = await waitFor(async () => {
        const list = await lensTitles();
        return list.length >= 4 ? list : undefined;
      }, [vscode.languages.onDidChangeDiagnostics, vscode.workspace.onDidChangeTextDocument, vscode.workspace.onDidChangeConfiguration], 'CodeLens titles without inlay hints');
    } finally {
      await config.update('inlayHints.enabled', before, vscode.ConfigurationTarget.Global);
    }
    // In the host's language: the extension's own zh-CN bundle when the host runs in Chinese.
    const ext = await activateExtension();
    const zh = vscode.env.language.startsWith('zh');
    const bundle: Record<string, string> = zh ? JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'l10n', 'bundle.l10n.zh-cn.json')))) : {};
    const tr = (m: string, ...args: (string | number)[]) => (bundle[m] ?? m).replace(/\{(\d+)\}/g, (x, i: string) => String(args[Number(i)] ?? x));
    // Times in the shared format (server/src/service/duration.ts): seconds below a minute, one unit per range.
    const s = (v: string | number) => tr('{0} s', v);
    assert.deepEqual(withHints, titles.slice(0, 2));
    assert.deepEqual(titles, [
      `$(preview) ${tr('Output at least {0} (depends on media lengths)', s(11))}`,
      [tr('{0} {1}: output {2}', tr('Video'), 0, s('0–?')), tr('{0} clips', 3), tr('main track')].join(' · '),
      `${tr('output {0}', s('0–5'))} ${tr('(computed)')}`,
      `${tr('output {0}', s('11–?'))} ${tr("(depends on the media's length)")}`,
    ]);
  });

  test('CodeLens: from a minute on, times are a clock (the status bar\'s format)', async () => {
    const doc = await openUntitled(JSON.stringify({
      VideoTracks: [{ VideoTrackClips: [
        { MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 50 },
        { MediaId: 'd0b9f1c8a3e24b7f9c6e5a4d3b2c1f0e', In: 0, Out: 14.25 },
      ] }],
    }, null, 2));
    const titles = await waitFor(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      const list = (lenses ?? []).map((l) => l.command?.title ?? '').filter(Boolean);
      return list.length >= 2 ? list : undefined;
    }, [vscode.languages.onDidChangeDiagnostics, vscode.workspace.onDidChangeTextDocument], 'CodeLens titles');
    assert.match(titles[0], /\b1:04\.25$/, 'the output: 64.25 s');
    assert.match(titles[1], /\b0:00–1:04\.25\b/, 'the track\'s range');
    // The clips' computed times are in the inlay hints (the default), in the same format.
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, whole);
    const labels = (hints ?? []).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.some((l) => /\b0:50–1:04\.25\b/.test(l)), `the second clip's computed range in ${JSON.stringify(labels)}`);
  });

  test('a document that is not a timeline shows an empty preview, not an error', async () => {
    const doc = await openUntitled('{ "VideoTracks": [ { "VideoTrackClips": [ ');
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
    const s = await rendered(doc);
    assert.equal(s.bars, 0);
  });

  test('6,600 clips: first paint and update after an edit (printed)', async function () {
    this.timeout(180000);
    // Reference: the same steps on a 2-clip document, so VS Code's own cost of a webview on this host
    // (before the page starts loading) can be told apart from the preview's.
    const small = await openDocument('two-clips.timeline.json');
    const { smallFirst, smallPaint } = await profiled('small', async (marks) => {
      const s0 = Date.now();
      marks.open = monotonicUs();
      await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
      const smallFirst = await rendered(small);
      marks.painted = monotonicUs();
      phaseMarks(marks, smallFirst);
      return { smallFirst, smallPaint: Date.now() - s0 };
    });
    await closeAllEditors();
    const text = maxTimeline();
    // Reference 2, before: VS Code's own cost of a webview beside this document with none of the preview's
    // work (a bare page that only says its script runs), on the same text opened afresh the same way. It
    // is taken again after the preview: the order of the openings shows in the figures (a later one was
    // often faster), so the preview's figure is read between the two.
    const bareBefore = await bareBesideFresh(text, 'bare-before');
    const opened = Date.now();
    const doc = await openUntitled(text);
    // Let the server parse and validate it once, so the figure is the preview's, not the first validation's.
    await waitForDiagnostics(doc.uri, () => true, 60000).catch(() => undefined);
    const { first, firstPaint } = await profiled('big', async (marks) => {
      const t0 = Date.now();
      marks.open = monotonicUs();
      await vscode.commands.executeCommand('vodTimeline.openPreviewToSide');
      const first = await rendered(doc, 120000);
      marks.painted = monotonicUs();
      phaseMarks(marks, first);
      return { first, firstPaint: Date.now() - t0 };
    });
    assert.equal(first.bars, 6600);
    assert.equal(first.lanes, 220);
    assert.ok(first.drawn > 0, 'bars drawn');

    const delay = vscode.workspace.getConfiguration('vodTimeline.preview').get<number>('updateDelay', 150);
    const updates: number[] = [];
    const paints: number[] = [];
    const phases: string[] = [];
    const editor = editorOf(doc);
    // Seven edits: the figure is their median (min–max); the host is shared and noisy.
    for (let i = 0; i < EDITS; i++) {
      // Change one clip's TimelineOut in the middle of the document.
      const at = doc.getText().indexOf('"TimelineOut": ', Math.floor(doc.getText().length / 2) + i * 997);
      const numberStart = at + '"TimelineOut": '.length;
      const t1 = Date.now();
      await editor.edit((b) => b.insert(doc.positionAt(numberStart), '1'));
      const edited = Date.now();
      const after = await rendered(doc, 120000);
      const seen = Date.now();
      updates.push(seen - t1);
      paints.push(after.paintMs);
      phases.push(`edit applied ${edited - t1} ms, change event ${after.changedAt - t1} ms, wait ${after.waitMs} ms, layout request ${after.requestMs} ms, model+diff ${after.modelMs} ms, ${after.delta ? 'delta' : 'FULL MODEL'} ${after.sentBytes} B to webview ${after.toWebviewMs} ms, apply ${after.decodeMs.toFixed(1)} ms, draw ${after.paintMs.toFixed(1)} ms, back ${after.backMs} ms, test sees it ${seen - after.renderedAt} ms`);
      assert.equal(after.bars, 6600);
      assert.equal(after.delta, true, 'an edit sends the webview a delta, not the whole model');
      assert.ok(after.sentBytes < 20000, `the delta of a one-clip edit is small (${after.sentBytes} B)`);
    }
    assert.equal((await state(doc)).resyncs, 0, 'no step missed');
    // Reference 3: the same preview closed and opened again, now that the editor has had the document for
    // a while (its tokenization on the workbench's thread is what the first opening shares the machine with).
    const settledAfter = Date.now() - opened;
    await vscode.window.tabGroups.close(previewTabs());
    const t2 = Date.now();
    await vscode.commands.executeCommand('vodTimeline.openPreviewToSide', doc.uri);
    const again = await rendered(doc, 120000);
    const againPaint = Date.now() - t2;
    assert.equal(again.bars, 6600);
    // Reference 2, after.
    await closeAllEditors();
    const bareAfter = await bareBesideFresh(text, 'bare-after');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const spread = (xs: number[]) => `${median(xs)} ms (${Math.min(...xs)}–${Math.max(...xs)})`;
    const line = `preview perf (6,600 clips, 220 tracks, ${(text.length / 1e6).toFixed(1)} MB): first paint ${firstPaint} ms `
      + `(webview loaded after ${first.webviewReadyMs} ms; webview draw ${first.paintMs.toFixed(1)} ms, model transfer+draw ${first.transferMs} ms); `
      + `update after edit median ${spread(updates)} of ${updates.join('/')} ms (includes the ${delay} ms typing delay; webview draw ${median(paints).toFixed(1)} ms)`;
    console.log(line);
    console.log(`preview perf reference: a 2-clip document's first paint ${smallPaint} ms (its webview page started after ${smallFirst.webviewOriginMs} ms); `
      + `a bare webview beside the 6,600-clip document opened the same way ran its script after ${bareBefore.scriptMs} ms before the preview, ${bareAfter.scriptMs} ms after it (its page started after ${bareBefore.pageMs} and ${bareAfter.pageMs} ms); `
      + `the 6,600-clip preview closed and opened again ${(settledAfter / 1000).toFixed(0)} s after the document: first paint ${againPaint} ms (webview page ${again.webviewOriginMs} ms, ready ${again.webviewReadyMs} ms, model ${again.modelMs} ms, ${again.sentBytes} B to webview ${again.toWebviewMs} ms, decode ${again.decodeMs.toFixed(1)} ms, draw ${again.paintMs.toFixed(1)} ms, back ${again.backMs} ms)`);
    console.log(`preview perf phases: first: webview page ${first.webviewOriginMs} ms, its HTML ${first.webviewHtmlMs} ms, CSS+JS ${first.webviewLoadedMs} ms, its script ${first.webviewScriptMs} ms, ready ${first.webviewReadyMs} ms; layout request ${first.requestMs} ms, model ${first.modelMs} ms, ${first.sentBytes} B to webview ${first.toWebviewMs} ms, decode ${first.decodeMs.toFixed(1)} ms, draw ${first.paintMs.toFixed(1)} ms, back ${first.backMs} ms; edits: ${phases.join(' | ')}`);
    // Generous bounds: the host may be a loaded CI machine; the figures are what the benchmark reports.
    assert.ok(firstPaint < 60000, line);
    assert.ok(median(updates) < 30000, line);
  });
});
