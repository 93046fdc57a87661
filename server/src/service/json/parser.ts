// A single-pass JSON parser built for this service. It keeps exact offsets for every key and value,
// recovers from broken input so the rest of the document is still checked, reports comments and
// trailing commas (they are not JSON, and the Timeline is sent as a JSON string), notes duplicate
// keys, and never throws.
//
// Why not objects per node: a 2.5 MB timeline has ~80,000 values. Allocating one JS object per value
// and keeping them all alive makes V8's young-generation GC copy the growing tree again and again;
// measured here that was 100+ ms against JSON.parse's 13 ms. The tree therefore lives in a few typed
// arrays ("struct of arrays"); a node is an index. Short strings (keys, Type values, MediaIds) are
// interned, so a document with 6,600 clips allocates a few hundred key strings, not 50,000.

export const enum NodeKind {
  Object = 1,
  Array = 2,
  String = 3,
  Number = 4,
  Boolean = 5,
  Null = 6,
  /** A value the parser could not read (an error was reported for it). */
  Invalid = 7,
  /** A property whose value is missing (`"In":` followed by `}`); zero length. */
  Missing = 8,
}

export type Scalar = string | number | boolean | null;

export const enum NodeFlags {
  /** A string whose source contained escapes, so its value differs from the raw slice. */
  Escaped = 1,
  /** A number written in a form JSON does not allow (`+1`, `.5`, `01`): value kept, error reported. */
  BadNumber = 2,
}

export const NONE = -1;

/**
 * The typed arrays behind a tree. Fresh typed arrays are expensive here: every new page is zeroed by
 * the kernel on first touch, which measured 5-20 ms for a 2.5 MB document on this kind of machine,
 * more than the parse itself. Trees whose document version is gone give their storage back
 * (`JsonTree.release`) and the next parse reuses it.
 */
class Storage {
  readonly capacity: number;
  kind: Uint8Array;
  flags: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  parent: Int32Array;
  keyStart: Int32Array;
  keyEnd: Int32Array;
  childStart: Int32Array;
  childCount: Int32Array;
  num: Float64Array;
  children: Int32Array;
  keyId: Uint16Array;
  keys: (string | undefined)[];
  strs: (string | undefined)[];

  constructor(capacity: number) {
    this.capacity = capacity;
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
    this.childStart = new Int32Array(capacity);
    this.childCount = new Int32Array(capacity);
    this.num = new Float64Array(capacity);
    this.children = new Int32Array(capacity);
    this.keyId = new Uint16Array(capacity);
    // Preallocated (not pushed to): growing an 80,000-element array while the parse allocates
    // strings was a large share of the GC work.
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.strs = new Array<string | undefined>(capacity).fill(undefined);
  }
}

const POOL_SIZE = 2;
const pool: Storage[] = [];

function acquireStorage(capacity: number): Storage {
  let best = -1;
  for (let i = 0; i < pool.length; i++) {
    if (pool[i].capacity >= capacity && pool[i].capacity <= capacity * 4 && (best < 0 || pool[i].capacity < pool[best].capacity)) best = i;
  }
  if (best >= 0) return pool.splice(best, 1)[0];
  return new Storage(Math.max(16, capacity));
}

function releaseStorage(s: Storage): void {
  if (pool.length >= POOL_SIZE) pool.shift();
  pool.push(s);
}

export class JsonTree {
  /** The text offsets refer to. For an embedded Timeline (a JSON string inside a produce document) this is the outer document's text. */
  text: string;
  count = 0;
  root = NONE;
  /** Reparses since this tree's document was parsed whole (reparse.ts); 0 for a whole-text parse. */
  generation = 0;
  kind: Uint8Array;
  flags: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  parent: Int32Array;
  /** For a property value: where its key starts / ends (quotes included); NONE otherwise. */
  keyStart: Int32Array;
  keyEnd: Int32Array;
  /** Containers: their children are children[childStart .. childStart + childCount). */
  childStart: Int32Array;
  childCount: Int32Array;
  children: Int32Array;
  childrenLength = 0;
  /** Numbers and booleans (1/0). */
  num: Float64Array;
  /**
   * For a property value: its key's number in the key registry (`registerKeys`), 0 when the key was
   * not registered when this tree was parsed. Meaningless for other nodes (array items, the root).
   */
  keyId: Uint16Array;
  /** Property key of each node (undefined when the node is not a property value). */
  keys: (string | undefined)[];
  /** String value of each node (undefined for non-strings). */
  strs: (string | undefined)[];
  private storage: Storage | undefined;
  private childStorage: Storage | undefined;
  private unpooled = false;

  /** `pooled` false: arrays of its own, never from or back to the pool (a small scratch tree). */
  constructor(text: string, capacity: number, pooled = true) {
    this.text = text;
    const s = pooled ? acquireStorage(capacity) : new Storage(Math.max(16, capacity));
    if (!pooled) this.unpooled = true;
    this.storage = s;
    this.childStorage = s;
    this.kind = s.kind;
    this.flags = s.flags;
    this.start = s.start;
    this.end = s.end;
    this.parent = s.parent;
    this.keyStart = s.keyStart;
    this.keyEnd = s.keyEnd;
    this.childStart = s.childStart;
    this.childCount = s.childCount;
    this.num = s.num;
    this.children = s.children;
    this.keyId = s.keyId;
    this.keys = s.keys;
    this.strs = s.strs;
  }

  /**
   * Gives the arrays back for the next parse. Call it only when nothing will read this tree again
   * (the document cache does it when a newer version replaces a document); using the tree afterwards
   * reads another document's data.
   */
  release(): void {
    const s = this.storage;
    if (!s || this.unpooled) return;
    // Pooled arrays must not hold this version's strings: most are slices of its text, which they
    // would keep alive (a few MB for a large document) until another parse overwrote them.
    s.keys.fill(undefined, 0, this.count);
    s.strs.fill(undefined, 0, this.count);
    this.storage = undefined;
    this.count = 0;
    this.root = NONE;
    if (this.childStorage && this.childStorage !== s) releaseStorage(this.childStorage);
    this.childStorage = undefined;
    releaseStorage(s);
  }

  /** The last child with this key (the one the service keeps when a key is repeated), or NONE. */
  get(node: number, key: string): number {
    if (node < 0 || this.kind[node] !== NodeKind.Object) return NONE;
    const first = this.childStart[node];
    const keys = this.keys;
    const children = this.children;
    for (let i = first + this.childCount[node] - 1; i >= first; i--) {
      const c = children[i];
      if (keys[c] === key) return c;
    }
    return NONE;
  }

  /** The i-th child (array item or property value in document order). */
  child(node: number, i: number): number {
    return this.children[this.childStart[node] + i];
  }

  /** Children of a container as a fresh array (convenient where speed does not matter). */
  childList(node: number): number[] {
    if (node < 0) return [];
    const first = this.childStart[node];
    return Array.from(this.children.subarray(first, first + this.childCount[node]));
  }

  value(node: number): Scalar | undefined {
    switch (this.kind[node]) {
      case NodeKind.String: return this.strs[node];
      case NodeKind.Number: return this.num[node];
      case NodeKind.Boolean: return this.num[node] !== 0;
      case NodeKind.Null: return null;
      default: return undefined;
    }
  }

  /** Start of the property (its key) when the node is a property value, else the node's start. */
  outerStart(node: number): number {
    const k = this.keyStart[node];
    return k >= 0 ? k : this.start[node];
  }

  isProperty(node: number): boolean {
    return this.keyStart[node] >= 0;
  }

  /** Allocates a node; grows the arrays by doubling. */
  add(kind: NodeKind, start: number, parent: number): number {
    const n = this.count;
    if (n === this.kind.length) this.grow();
    this.count = n + 1;
    this.kind[n] = kind;
    this.flags[n] = 0;
    this.start[n] = start;
    this.end[n] = start;
    this.parent[n] = parent;
    this.keyStart[n] = NONE;
    this.keyEnd[n] = NONE;
    this.childCount[n] = 0;
    this.keys[n] = undefined;
    this.strs[n] = undefined;
    return n;
  }

  private grow(): void {
    const old = this.storage!;
    const s = this.take(this.kind.length * 2);
    const n = this.count;
    s.kind.set(this.kind.subarray(0, n));
    s.flags.set(this.flags.subarray(0, n));
    s.start.set(this.start.subarray(0, n));
    s.end.set(this.end.subarray(0, n));
    s.parent.set(this.parent.subarray(0, n));
    s.keyStart.set(this.keyStart.subarray(0, n));
    s.keyEnd.set(this.keyEnd.subarray(0, n));
    s.childStart.set(this.childStart.subarray(0, n));
    s.childCount.set(this.childCount.subarray(0, n));
    s.num.set(this.num.subarray(0, n));
    s.keyId.set(this.keyId.subarray(0, n));
    for (let i = 0; i < n; i++) { s.keys[i] = this.keys[i]; s.strs[i] = this.strs[i]; }
    this.storage = s;
    this.kind = s.kind;
    this.flags = s.flags;
    this.start = s.start;
    this.end = s.end;
    this.parent = s.parent;
    this.keyStart = s.keyStart;
    this.keyEnd = s.keyEnd;
    this.childStart = s.childStart;
    this.childCount = s.childCount;
    this.num = s.num;
    this.keyId = s.keyId;
    this.keys = s.keys;
    this.strs = s.strs;
    // The child lists may still live in the old storage; keep it until they move too.
    if (this.childStorage !== old) this.give(old);
  }

  private take(capacity: number): Storage {
    return this.unpooled ? new Storage(capacity) : acquireStorage(capacity);
  }

  private give(s: Storage): void {
    if (!this.unpooled) releaseStorage(s);
  }

  appendChildren(list: Int32Array, from: number, to: number): number {
    const need = this.childrenLength + (to - from);
    if (need > this.children.length) {
      const s = this.take(Math.max(need, this.children.length * 2));
      s.children.set(this.children.subarray(0, this.childrenLength));
      const old = this.childStorage;
      this.childStorage = s;
      this.children = s.children;
      if (old && old !== this.storage) this.give(old);
    }
    const at = this.childrenLength;
    const children = this.children;
    // A loop, not set(subarray(…)): most containers have a few children, and a subarray view per
    // container was an allocation per object of the document.
    if (to - from > 64) children.set(list.subarray(from, to), at);
    else for (let i = from, j = at; i < to; i++, j++) children[j] = list[i];
    this.childrenLength = need;
    return at;
  }
}

export const enum SyntaxErrorKind {
  UnexpectedToken = 1,
  ValueExpected,
  PropertyNameExpected,
  ColonExpected,
  CommaExpected,
  CloseBraceExpected,
  CloseBracketExpected,
  UnterminatedString,
  InvalidEscape,
  ControlCharacterInString,
  InvalidNumber,
  Comment,
  TrailingComma,
  SingleQuotedString,
  EndOfFileExpected,
  TooDeep,
  DuplicateKey,
  EmptyDocument,
  ByteOrderMark,
  UnquotedKey,
}

export interface SyntaxIssue {
  kind: SyntaxErrorKind;
  start: number;
  end: number;
  /** The offending text (token, key name), for messages. */
  detail?: string;
  /** DuplicateKey: the ignored property's value node (in `tree`), and the key offset of the one that wins. */
  node?: number;
  tree?: JsonTree;
  winnerStart?: number;
}

export interface ParseResult {
  tree: JsonTree;
  issues: SyntaxIssue[];
  /** Problems found beyond MAX_STORED_ISSUES: counted, not kept. */
  dropped: number;
}

/**
 * Problems kept per parse. A file of garbage has one every few characters (460,000 in 2.5 MB), and
 * allocating them all made its parse take a second; past this many only their number is kept (a
 * TooDeep problem is always kept: formatting relies on it).
 */
export const MAX_STORED_ISSUES = 10_000;

/** Deeper nesting is reported and skipped, so that every recursive walker downstream stays safe. */
export const MAX_DEPTH = 256;

const CH_TAB = 9, CH_LF = 10, CH_CR = 13, CH_SPACE = 32, CH_QUOTE = 34, CH_APOS = 39, CH_PLUS = 43;
const CH_COMMA = 44, CH_MINUS = 45, CH_DOT = 46, CH_SLASH = 47, CH_0 = 48, CH_9 = 57, CH_COLON = 58;
const CH_LBRACKET = 91, CH_BACKSLASH = 92, CH_RBRACKET = 93, CH_LBRACE = 123, CH_RBRACE = 125;
const CH_STAR = 42, CH_E = 69, CH_e = 101, CH_BOM = 0xfeff;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= CH_0 && c <= CH_9) || c === 95 || c === 36 || c === CH_DOT || c === CH_PLUS || c === CH_MINUS || (c > 127 && c !== CH_BOM);
}

/** `text` holds `s` at `at` (short strings: a loop the compiler inlines beats a call to startsWith). */
function sameAt(text: string, s: string, at: number): boolean {
  for (let i = 0; i < s.length; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export const INTERN_MAX_LENGTH = 48;

/**
 * A string equal to `s` that holds no reference to the text it was sliced or built from. V8 makes a
 * slice of 13 or more characters a view into the whole text, and a string built by `+=` a chain of such
 * views; a tree that outlives its text's version (json/reparse.ts keeps the strings of the nodes an
 * edit did not touch) would keep every older text alive through them. Prefixing makes a rope, which the
 * slice after it flattens into a fresh copy of a few dozen characters. Used where the parser interns a
 * string (one copy per distinct string and parse) and for an escaped string; a longer plain string stays
 * a view (a copy per node would cost the parse), and reparse.ts reads those again from the new text.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
const INTERN_TABLE_SIZE = 4096; // power of two

// ---- the key registry ----------------------------------------------------------------------------------
// Keys the schema and the model know get a number (1, 2, …) that the parser stores per property
// (`JsonTree.keyId`), so the schema checker and the model switch on a small integer instead of
// comparing strings (schema/specialize.ts). The registry only ever holds names the service itself
// registers (bounded by the schema), never a document's own keys. A registered key's string is the
// registered one: the same string object in every parse, and no slice of any document's text kept
// alive between parses.
const KEY_IDS = new Map<string, number>();
const KEY_NAMES: string[] = [''];
// Where the parser looks a key up first: a persistent table, by the same hash as the intern table.
const keySlotName: (string | undefined)[] = new Array(INTERN_TABLE_SIZE).fill(undefined);
const keySlotId = new Int32Array(INTERN_TABLE_SIZE);

/** Keys numbered at most (a tree stores 16 bits per key); more stay unnumbered, read by name. */
const MAX_KEYS = 0xffff;

/** Numbers these keys (those already known keep theirs). Trees parsed before carry 0 for them. */
export function registerKeys(names: Iterable<string>): void {
  for (const name of names) {
    if (KEY_IDS.has(name) || KEY_NAMES.length > MAX_KEYS) continue;
    KEY_IDS.set(name, KEY_NAMES.length);
    KEY_NAMES.push(name);
  }
}

// Per key number, the object that last had it (duplicate-key detection; Parser.checkDuplicates).
let dupMarks = new Int32Array(1024);
let dupStamp = 0;

/** The number of a registered key; 0 when it is not registered. */
export function keyIdOf(name: string): number {
  return KEY_IDS.get(name) ?? 0;
}

class Parser {
  private pos = 0;
  private readonly len: number;
  readonly issues: SyntaxIssue[] = [];
  readonly tree: JsonTree;
  /** Children of the open containers, innermost last; copied out when a container closes. */
  private stack = new Int32Array(1024);
  private stackTop = 0;
  private readonly internTable: (string | undefined)[] = new Array(INTERN_TABLE_SIZE).fill(undefined);
  private lastEscaped = false;
  /** The registry number of the key readKey() read last. */
  private lastKeyId = 0;
  dropped = 0;
  private keptTooDeep = false;

  /** With `capacity`: a scratch tree of that size, not from the pool (parseValueAt). */
  constructor(private readonly text: string, capacity?: number) {
    this.len = text.length;
    // Pretty-printed timelines have about one node per 30 characters; compact ones one per 15. Start
    // from the former (growing doubles the arrays once for compact text).
    this.tree = capacity === undefined ? new JsonTree(text, Math.ceil(text.length / 24) + 64) : new JsonTree(text, capacity, false);
  }

  /** One value at `pos`, as the whole-text parse reads it at that depth (reparseJson). */
  parseAt(pos: number, depth: number): number {
    this.pos = pos;
    return this.parseValue(NONE, depth);
  }

  get offset(): number {
    return this.pos;
  }

  private issue(i: SyntaxIssue): void {
    if (this.issues.length < MAX_STORED_ISSUES) {
      this.issues.push(i);
      if (i.kind === SyntaxErrorKind.TooDeep) this.keptTooDeep = true;
    } else if (i.kind === SyntaxErrorKind.TooDeep && !this.keptTooDeep) {
      this.issues.push(i);
      this.keptTooDeep = true;
    } else {
      this.dropped++;
    }
  }

  parse(): void {
    if (this.len > 0 && this.text.charCodeAt(0) === CH_BOM) {
      this.issue({ kind: SyntaxErrorKind.ByteOrderMark, start: 0, end: 1 });
      this.pos = 1;
    }
    this.skipTrivia();
    if (this.pos >= this.len) {
      this.issue({ kind: SyntaxErrorKind.EmptyDocument, start: 0, end: this.len });
      return;
    }
    this.tree.root = this.parseValue(NONE, 0);
    this.skipTrivia();
    if (this.pos < this.len) {
      const start = this.pos;
      this.issue({ kind: SyntaxErrorKind.EndOfFileExpected, start, end: this.tokenEnd(start) });
      // Read what follows so its own errors are reported, but keep the first value as the document.
      let guard = 0;
      while (this.pos < this.len && guard++ < 10000) {
        const before = this.pos;
        const stray = this.parseValue(NONE, 0);
        if (this.tree.kind[stray] === NodeKind.Invalid && this.pos === before) this.pos++;
        this.skipTrivia();
      }
    }
  }

  private push(node: number): void {
    if (this.stackTop === this.stack.length) {
      const b = new Int32Array(this.stack.length * 2);
      b.set(this.stack);
      this.stack = b;
    }
    this.stack[this.stackTop++] = node;
  }

  private closeContainer(node: number, base: number): void {
    const tree = this.tree;
    tree.childStart[node] = tree.appendChildren(this.stack, base, this.stackTop);
    tree.childCount[node] = this.stackTop - base;
    this.stackTop = base;
  }

  /** Whitespace and comments (comments are reported, then skipped). */
  private skipTrivia(): void {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    for (;;) {
      while (pos < len) {
        const c = text.charCodeAt(pos);
        if (c === CH_SPACE || c === CH_LF || c === CH_CR || c === CH_TAB) pos++;
        else break;
      }
      if (pos < len && text.charCodeAt(pos) === CH_SLASH) {
        const next = pos + 1 < len ? text.charCodeAt(pos + 1) : 0;
        if (next === CH_SLASH) {
          const start = pos;
          pos += 2;
          while (pos < len) {
            const c = text.charCodeAt(pos);
            if (c === CH_LF || c === CH_CR) break;
            pos++;
          }
          this.issue({ kind: SyntaxErrorKind.Comment, start, end: pos });
          continue;
        }
        if (next === CH_STAR) {
          const start = pos;
          const close = text.indexOf('*/', pos + 2);
          pos = close < 0 ? len : close + 2;
          this.issue({ kind: SyntaxErrorKind.Comment, start, end: pos, detail: close < 0 ? 'unterminated' : undefined });
          continue;
        }
      }
      break;
    }
    this.pos = pos;
  }

  /** End of the "word" starting at `start`, for highlighting an unexpected token. */
  private tokenEnd(start: number): number {
    const text = this.text;
    if (start >= this.len) return this.len;
    if (!isWordChar(text.charCodeAt(start))) return start + 1;
    let p = start;
    while (p < this.len && isWordChar(text.charCodeAt(p))) p++;
    return p;
  }

  private parseValue(parent: number, depth: number): number {
    const text = this.text;
    const tree = this.tree;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === CH_LBRACE) return depth >= MAX_DEPTH ? this.skipTooDeep(parent) : this.parseObject(parent, depth + 1);
    if (c === CH_LBRACKET) return depth >= MAX_DEPTH ? this.skipTooDeep(parent) : this.parseArray(parent, depth + 1);
    if (c === CH_QUOTE) {
      const n = tree.add(NodeKind.String, start, parent);
      tree.strs[n] = this.readString();
      tree.end[n] = this.pos;
      if (this.lastEscaped) tree.flags[n] = NodeFlags.Escaped;
      return n;
    }
    if ((c >= CH_0 && c <= CH_9) || c === CH_MINUS || c === CH_PLUS || c === CH_DOT) return this.parseNumber(parent);
    const n = tree.add(NodeKind.Invalid, start, parent);
    if (c === 116 /* t */ && text.startsWith('true', start) && !isWordChar(text.charCodeAt(start + 4))) {
      tree.kind[n] = NodeKind.Boolean; tree.num[n] = 1; tree.end[n] = this.pos = start + 4; return n;
    }
    if (c === 102 /* f */ && text.startsWith('false', start) && !isWordChar(text.charCodeAt(start + 5))) {
      tree.kind[n] = NodeKind.Boolean; tree.num[n] = 0; tree.end[n] = this.pos = start + 5; return n;
    }
    if (c === 110 /* n */ && text.startsWith('null', start) && !isWordChar(text.charCodeAt(start + 4))) {
      tree.kind[n] = NodeKind.Null; tree.end[n] = this.pos = start + 4; return n;
    }
    if (c === CH_APOS) {
      tree.kind[n] = NodeKind.String;
      tree.strs[n] = this.readSingleQuoted();
      tree.end[n] = this.pos;
      return n;
    }
    if (start >= this.len) {
      this.issue({ kind: SyntaxErrorKind.ValueExpected, start: this.len, end: this.len });
      tree.end[n] = this.len;
      return n;
    }
    // A bare word (True, NaN, undefined, an unquoted string …) or a stray character.
    const isStructural = c === CH_COMMA || c === CH_COLON || c === CH_RBRACE || c === CH_RBRACKET;
    if (isStructural) {
      this.issue({ kind: SyntaxErrorKind.ValueExpected, start, end: start });
      return n;
    }
    const end = this.tokenEnd(start);
    this.issue({ kind: SyntaxErrorKind.ValueExpected, start, end, detail: text.slice(start, end) });
    this.pos = end;
    tree.end[n] = end;
    return n;
  }

  private skipTooDeep(parent: number): number {
    const text = this.text;
    const start = this.pos;
    const n = this.tree.add(NodeKind.Invalid, start, parent);
    // Skip the whole nested value by bracket counting (strings respected), without recursion.
    let depth = 0;
    let p = start;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (c === CH_QUOTE) {
        p++;
        while (p < this.len) {
          const d = text.charCodeAt(p);
          if (d === CH_BACKSLASH) p += 2;
          else if (d === CH_QUOTE || d === CH_LF) { p++; break; } else p++;
        }
        continue;
      }
      if (c === CH_LBRACE || c === CH_LBRACKET) depth++;
      else if (c === CH_RBRACE || c === CH_RBRACKET) { depth--; if (depth === 0) { p++; break; } }
      p++;
    }
    this.pos = p;
    this.tree.end[n] = p;
    this.issue({ kind: SyntaxErrorKind.TooDeep, start, end: Math.min(start + 1, this.len) });
    return n;
  }

  private readSingleQuoted(): string {
    const text = this.text;
    const start = this.pos;
    let p = start + 1;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (c === CH_BACKSLASH) { p += 2; continue; }
      if (c === CH_APOS || c === CH_LF || c === CH_CR) break;
      p++;
    }
    // A backslash as the last character steps past the end.
    if (p > this.len) p = this.len;
    const closed = p < this.len && text.charCodeAt(p) === CH_APOS;
    this.pos = closed ? p + 1 : p;
    this.issue({ kind: SyntaxErrorKind.SingleQuotedString, start, end: this.pos });
    return text.slice(start + 1, Math.min(p, this.len));
  }

  /** Reads the string at `pos` (a quote); leaves `pos` after the closing quote. */
  private readString(): string {
    const text = this.text;
    const len = this.len;
    const start = this.pos;
    let p = start + 1;
    let hash = 0;
    // Fast path: no escapes, no control characters; the hash feeds the intern table.
    for (;;) {
      if (p >= len) break;
      const c = text.charCodeAt(p);
      if (c === CH_QUOTE) {
        this.pos = p + 1;
        this.lastEscaped = false;
        const length = p - start - 1;
        if (length > INTERN_MAX_LENGTH) return text.slice(start + 1, p);
        const slot = (hash ^ length) & (INTERN_TABLE_SIZE - 1);
        const hit = this.internTable[slot];
        if (hit !== undefined && hit.length === length && sameAt(text, hit, start + 1)) return hit;
        const s = own(text.slice(start + 1, p));
        this.internTable[slot] = s;
        return s;
      }
      if (c === CH_BACKSLASH || c < 0x20) break;
      hash = (Math.imul(hash, 31) + c) | 0;
      p++;
    }
    return own(this.readStringSlow(start, p));
  }

  /**
   * Reads a key at `pos` (a quote), like readString, and sets `lastKeyId`: a registered key comes
   * back as the registry's own string.
   */
  private readKey(): string {
    const text = this.text;
    const len = this.len;
    const start = this.pos;
    let p = start + 1;
    let hash = 0;
    for (;;) {
      if (p >= len) break;
      const c = text.charCodeAt(p);
      if (c === CH_QUOTE) {
        this.pos = p + 1;
        this.lastEscaped = false;
        const length = p - start - 1;
        if (length > INTERN_MAX_LENGTH) {
          const long = text.slice(start + 1, p);
          this.lastKeyId = KEY_IDS.get(long) ?? 0;
          return this.lastKeyId === 0 ? long : KEY_NAMES[this.lastKeyId];
        }
        const slot = (hash ^ length) & (INTERN_TABLE_SIZE - 1);
        const known = keySlotName[slot];
        if (known !== undefined && known.length === length && sameAt(text, known, start + 1)) {
          this.lastKeyId = keySlotId[slot];
          return known;
        }
        const hit = this.internTable[slot];
        let s: string;
        if (hit !== undefined && hit.length === length && sameAt(text, hit, start + 1)) s = hit;
        else {
          s = own(text.slice(start + 1, p));
          this.internTable[slot] = s;
        }
        const id = KEY_IDS.get(s);
        if (id === undefined) {
          this.lastKeyId = 0;
          return s;
        }
        keySlotName[slot] = KEY_NAMES[id];
        keySlotId[slot] = id;
        this.lastKeyId = id;
        return KEY_NAMES[id];
      }
      if (c === CH_BACKSLASH || c < 0x20) break;
      hash = (Math.imul(hash, 31) + c) | 0;
      p++;
    }
    const slow = own(this.readStringSlow(start, p));
    this.lastKeyId = KEY_IDS.get(slow) ?? 0;
    return slow;
  }

  private readStringSlow(start: number, from: number): string {
    const text = this.text;
    const len = this.len;
    let out = text.slice(start + 1, from);
    let p = from;
    let segment = p;
    this.lastEscaped = true;
    for (;;) {
      if (p >= len) {
        out += text.slice(segment, p);
        this.issue({ kind: SyntaxErrorKind.UnterminatedString, start, end: p });
        this.pos = p;
        return out;
      }
      const c = text.charCodeAt(p);
      if (c === CH_QUOTE) {
        out += text.slice(segment, p);
        this.pos = p + 1;
        return out;
      }
      if (c === CH_LF || c === CH_CR) {
        // A raw line break ends a string that was never closed: report it, resume on the next line.
        out += text.slice(segment, p);
        this.issue({ kind: SyntaxErrorKind.UnterminatedString, start, end: p });
        this.pos = p;
        return out;
      }
      if (c < 0x20) {
        this.issue({ kind: SyntaxErrorKind.ControlCharacterInString, start: p, end: p + 1 });
        p++;
        continue;
      }
      if (c === CH_BACKSLASH) {
        out += text.slice(segment, p);
        const e = p + 1 < len ? text.charCodeAt(p + 1) : 0;
        switch (e) {
          case CH_QUOTE: out += '"'; p += 2; break;
          case CH_BACKSLASH: out += '\\'; p += 2; break;
          case CH_SLASH: out += '/'; p += 2; break;
          case 98: out += '\b'; p += 2; break;
          case 102: out += '\f'; p += 2; break;
          case 110: out += '\n'; p += 2; break;
          case 114: out += '\r'; p += 2; break;
          case 116: out += '\t'; p += 2; break;
          case 117: {
            let q = p + 2;
            while (q < p + 6 && q < len && /[0-9a-fA-F]/.test(text[q])) q++;
            if (q === p + 6) {
              out += String.fromCharCode(parseInt(text.slice(p + 2, q), 16));
            } else {
              this.issue({ kind: SyntaxErrorKind.InvalidEscape, start: p, end: q, detail: text.slice(p, q) });
            }
            p = q;
            break;
          }
          default:
            if (e === CH_LF || e === CH_CR || p + 1 >= len) {
              this.issue({ kind: SyntaxErrorKind.InvalidEscape, start: p, end: p + 1, detail: '\\' });
              p += 1;
            } else {
              this.issue({ kind: SyntaxErrorKind.InvalidEscape, start: p, end: p + 2, detail: text.slice(p, p + 2) });
              out += text[p + 1];
              p += 2;
            }
        }
        segment = p;
        continue;
      }
      p++;
    }
  }

  private parseNumber(parent: number): number {
    const text = this.text;
    const len = this.len;
    const tree = this.tree;
    const start = this.pos;
    const n = tree.add(NodeKind.Number, start, parent);
    let p = start;
    let valid = true;
    let c = text.charCodeAt(p);
    if (c === CH_PLUS) valid = false;
    if (c === CH_MINUS || c === CH_PLUS) { p++; c = text.charCodeAt(p); }
    const intStart = p;
    // Digits are accumulated as we go. With at most 15 significant digits the mantissa is an exact
    // integer and dividing by an exact power of ten rounds correctly, so the result equals
    // Number(text) without allocating a substring per number (Clinger's fast path).
    let mantissa = 0;
    while (p < len && (c = text.charCodeAt(p)) >= CH_0 && c <= CH_9) { mantissa = mantissa * 10 + (c - CH_0); p++; }
    const intDigits = p - intStart;
    if (intDigits === 0) valid = false;
    else if (intDigits > 1 && text.charCodeAt(intStart) === CH_0) valid = false;
    let fracDigits = 0;
    let simple = true;
    if (p < len && text.charCodeAt(p) === CH_DOT) {
      p++;
      const fracStart = p;
      while (p < len && (c = text.charCodeAt(p)) >= CH_0 && c <= CH_9) { mantissa = mantissa * 10 + (c - CH_0); p++; }
      fracDigits = p - fracStart;
      if (fracDigits === 0) valid = false;
    }
    if (p < len && ((c = text.charCodeAt(p)) === CH_e || c === CH_E)) {
      simple = false;
      p++;
      c = text.charCodeAt(p);
      if (c === CH_PLUS || c === CH_MINUS) p++;
      const expStart = p;
      while (p < len && (c = text.charCodeAt(p)) >= CH_0 && c <= CH_9) p++;
      if (p === expStart) valid = false;
    }
    // Glued garbage (12px, 1.2.3, 0x1F) belongs to the same bad token.
    if (p < len && isWordChar(text.charCodeAt(p))) {
      valid = false;
      while (p < len && isWordChar(text.charCodeAt(p))) p++;
    }
    tree.end[n] = this.pos = p;
    if (valid && simple && intDigits + fracDigits <= 15) {
      const magnitude = fracDigits === 0 ? mantissa : mantissa / POW10[fracDigits];
      tree.num[n] = text.charCodeAt(start) === CH_MINUS ? -magnitude : magnitude;
      return n;
    }
    const raw = text.slice(start, p);
    const value = Number(raw);
    if (valid && Number.isFinite(value)) {
      tree.num[n] = value;
      return n;
    }
    this.issue({ kind: SyntaxErrorKind.InvalidNumber, start, end: p, detail: raw });
    if (raw.length > 0 && Number.isFinite(value)) {
      tree.num[n] = value;
      tree.flags[n] = NodeFlags.BadNumber;
    } else {
      tree.kind[n] = NodeKind.Invalid;
    }
    return n;
  }

  private parseObject(parent: number, depth: number): number {
    const text = this.text;
    const tree = this.tree;
    const node = tree.add(NodeKind.Object, this.pos, parent);
    const base = this.stackTop;
    this.pos++; // {
    let needComma = false;
    let lastComma = -1;
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.len) {
        this.issue({ kind: SyntaxErrorKind.CloseBraceExpected, start: this.len, end: this.len });
        tree.end[node] = this.len;
        break;
      }
      const c = text.charCodeAt(this.pos);
      if (c === CH_RBRACE) {
        if (lastComma >= 0 && !needComma) this.issue({ kind: SyntaxErrorKind.TrailingComma, start: lastComma, end: lastComma + 1 });
        this.pos++;
        tree.end[node] = this.pos;
        break;
      }
      if (c === CH_COMMA) {
        if (!needComma) this.issue({ kind: SyntaxErrorKind.PropertyNameExpected, start: this.pos, end: this.pos + 1, detail: ',' });
        lastComma = this.pos;
        needComma = false;
        this.pos++;
        continue;
      }
      if (c === CH_RBRACKET) {
        // A stray "]" inside an object: most likely the object was never closed.
        this.issue({ kind: SyntaxErrorKind.CloseBraceExpected, start: this.pos, end: this.pos + 1 });
        tree.end[node] = this.pos;
        break;
      }
      if (needComma) {
        if (c === CH_QUOTE || c === CH_APOS || isWordChar(c)) {
          this.issue({ kind: SyntaxErrorKind.CommaExpected, start: this.pos, end: this.pos });
        } else {
          const end = this.tokenEnd(this.pos);
          this.issue({ kind: SyntaxErrorKind.UnexpectedToken, start: this.pos, end, detail: text.slice(this.pos, end) });
          if (c === CH_LBRACE || c === CH_LBRACKET) this.parseValue(NONE, depth);
          else this.pos = end;
          continue;
        }
      }
      lastComma = -1;
      let key: string;
      const keyStart = this.pos;
      let keyId = 0;
      if (c === CH_QUOTE) {
        key = this.readKey();
        keyId = this.lastKeyId;
      } else if (c === CH_APOS) {
        key = this.readSingleQuoted();
        keyId = KEY_IDS.get(key) ?? 0;
      } else if (isWordChar(c)) {
        // key: value — read it as a key so the value is still checked, but report it.
        const end = this.tokenEnd(keyStart);
        key = text.slice(keyStart, end);
        keyId = KEY_IDS.get(key) ?? 0;
        this.pos = end;
        this.issue({ kind: SyntaxErrorKind.UnquotedKey, start: keyStart, end, detail: key });
      } else {
        const end = this.tokenEnd(this.pos);
        this.issue({ kind: SyntaxErrorKind.PropertyNameExpected, start: this.pos, end, detail: text.slice(this.pos, end) });
        if (c === CH_LBRACE || c === CH_LBRACKET) this.parseValue(NONE, depth); // skip a misplaced value
        else this.pos = end;
        needComma = true;
        continue;
      }
      const keyEnd = this.pos;
      this.skipTrivia();
      let value: number;
      if (text.charCodeAt(this.pos) === CH_COLON) {
        this.pos++;
        this.skipTrivia();
        const v = this.pos < this.len ? text.charCodeAt(this.pos) : 0;
        if (this.pos >= this.len || v === CH_COMMA || v === CH_RBRACE || v === CH_RBRACKET) {
          this.issue({ kind: SyntaxErrorKind.ValueExpected, start: this.pos, end: this.pos });
          value = tree.add(NodeKind.Missing, this.pos, node);
        } else {
          value = this.parseValue(node, depth);
        }
      } else {
        this.issue({ kind: SyntaxErrorKind.ColonExpected, start: keyEnd, end: keyEnd });
        const v = this.pos < this.len ? text.charCodeAt(this.pos) : 0;
        // `"In" 5` — the value is there, only the colon is missing.
        const valueStarts = v === CH_QUOTE || v === CH_LBRACE || v === CH_LBRACKET || v === CH_MINUS || (v >= CH_0 && v <= CH_9) || v === 116 || v === 102 || v === 110;
        if (valueStarts && !(v === CH_QUOTE && this.looksLikeKey())) value = this.parseValue(node, depth);
        else value = tree.add(NodeKind.Missing, keyEnd, node);
      }
      tree.keyStart[value] = keyStart;
      tree.keyEnd[value] = keyEnd;
      tree.keys[value] = key;
      tree.keyId[value] = keyId;
      this.push(value);
      needComma = true;
    }
    const count = this.stackTop - base;
    if (count > 1) this.checkDuplicates(base, count);
    this.closeContainer(node, base);
    return node;
  }

  /** At a quote: is this string followed by a colon (so a key, not a value)? */
  private looksLikeKey(): boolean {
    const save = this.pos;
    const saveIssues = this.issues.length;
    const saveDropped = this.dropped;
    const saveEscaped = this.lastEscaped;
    this.readString();
    this.skipTrivia();
    const isKey = this.text.charCodeAt(this.pos) === CH_COLON;
    this.pos = save;
    this.issues.length = saveIssues;
    this.dropped = saveDropped;
    this.lastEscaped = saveEscaped;
    return isKey;
  }

  private checkDuplicates(base: number, count: number): void {
    const stack = this.stack;
    // Registered keys first, in one pass: a stamp per key number marks the keys this object has.
    // Only an object with a repeated or an unregistered key goes on to compare the names.
    const ids = this.tree.keyId;
    let marks = dupMarks;
    if (marks.length < KEY_NAMES.length) marks = dupMarks = new Int32Array(KEY_NAMES.length * 2);
    if (dupStamp === 0x7fffffff) {
      marks.fill(0);
      dupStamp = 0;
    }
    const stamp = ++dupStamp;
    let i = 0;
    for (; i < count; i++) {
      const id = ids[stack[base + i]];
      if (id === 0 || marks[id] === stamp) break;
      marks[id] = stamp;
    }
    if (i === count) return;
    const keys = this.tree.keys;
    if (count <= 16) {
      for (let i = 0; i < count - 1; i++) {
        const k = keys[stack[base + i]];
        for (let j = count - 1; j > i; j--) {
          if (keys[stack[base + j]] === k) { this.reportDuplicate(stack[base + i], stack[base + j]); break; }
        }
      }
      return;
    }
    const last = new Map<string | undefined, number>();
    for (let i = 0; i < count; i++) last.set(keys[stack[base + i]], stack[base + i]);
    for (let i = 0; i < count; i++) {
      const n = stack[base + i];
      const w = last.get(keys[n])!;
      if (w !== n) this.reportDuplicate(n, w);
    }
  }

  private reportDuplicate(ignored: number, winner: number): void {
    const tree = this.tree;
    this.issue({ kind: SyntaxErrorKind.DuplicateKey, start: tree.keyStart[ignored], end: tree.keyEnd[ignored], detail: tree.keys[ignored], node: ignored, tree, winnerStart: tree.keyStart[winner] });
  }

  private parseArray(parent: number, depth: number): number {
    const text = this.text;
    const tree = this.tree;
    const node = tree.add(NodeKind.Array, this.pos, parent);
    const base = this.stackTop;
    this.pos++; // [
    let needComma = false;
    let lastComma = -1;
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.len) {
        this.issue({ kind: SyntaxErrorKind.CloseBracketExpected, start: this.len, end: this.len });
        tree.end[node] = this.len;
        break;
      }
      const c = text.charCodeAt(this.pos);
      if (c === CH_RBRACKET) {
        if (lastComma >= 0 && !needComma) this.issue({ kind: SyntaxErrorKind.TrailingComma, start: lastComma, end: lastComma + 1 });
        this.pos++;
        tree.end[node] = this.pos;
        break;
      }
      if (c === CH_COMMA) {
        if (!needComma) this.issue({ kind: SyntaxErrorKind.ValueExpected, start: this.pos, end: this.pos });
        lastComma = this.pos;
        needComma = false;
        this.pos++;
        continue;
      }
      if (c === CH_RBRACE) {
        this.issue({ kind: SyntaxErrorKind.CloseBracketExpected, start: this.pos, end: this.pos + 1 });
        tree.end[node] = this.pos;
        break;
      }
      if (needComma) this.issue({ kind: SyntaxErrorKind.CommaExpected, start: this.pos, end: this.pos });
      lastComma = -1;
      const before = this.pos;
      const item = this.parseValue(node, depth);
      if (this.pos === before) {
        // Nothing consumed (a stray ':' for instance): step over it so the loop always advances.
        this.pos++;
        needComma = false;
        continue;
      }
      this.push(item);
      needComma = true;
    }
    this.closeContainer(node, base);
    return node;
  }
}

/**
 * One value of `text` read at `pos` as the whole-text parse would read it at this nesting depth, into
 * a tree of its own (node numbers from 0, the value's parent NONE); `end` is where reading stopped.
 * For reparseJson, which splices it into the previous version's tree.
 */
export function parseValueAt(text: string, pos: number, depth: number, capacity: number): ParseResult & { node: number; end: number } {
  const parser = new Parser(text, capacity);
  let node = NONE;
  try {
    node = parser.parseAt(pos, depth);
  } catch (e) {
    parser.issues.push({ kind: SyntaxErrorKind.UnexpectedToken, start: pos, end: pos, detail: String(e) });
  }
  return { tree: parser.tree, issues: parser.issues, dropped: parser.dropped, node, end: parser.offset };
}

export function parseJson(text: string): ParseResult {
  const parser = new Parser(text);
  try {
    parser.parse();
  } catch (e) {
    // The parser is written not to throw; should it ever, the document still gets a diagnostic.
    parser.issues.push({ kind: SyntaxErrorKind.UnexpectedToken, start: 0, end: Math.min(1, text.length), detail: String(e) });
  }
  return { tree: parser.tree, issues: parser.issues, dropped: parser.dropped };
}
