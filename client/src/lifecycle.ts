// The language client's lifecycle, owned in one place (client/src/ctx.ts wraps it for VS Code): start on
// first use, one start at a time, a failed start forgotten so that the next use or Restart tries again,
// and everyone who asks after a restart gets the new client. Pure (no `vscode`), so it is unit-tested
// with fake clients.

export interface ManagedClient {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class ClientLifecycle<C extends ManagedClient> {
  private current: { client: C; ready: Promise<C> } | undefined;
  private generation = 0;
  private readonly started = new Set<(client: C) => void>();

  /** `create` makes a new client each time one is started (a client that failed to start is not reused). */
  constructor(private readonly create: () => C, private readonly onError: (e: unknown) => void = () => undefined) {}

  /** The running client, starting one when there is none (or the last start failed). */
  client(): Promise<C> {
    if (this.current) return this.current.ready;
    const generation = ++this.generation;
    const client = this.create();
    const ready = client.start().then(
      () => {
        for (const f of this.started) f(client);
        return client;
      },
      async (e: unknown) => {
        this.onError(e);
        // Forget it, so the next ask (or Restart) starts a fresh client instead of repeating this failure.
        if (this.generation === generation) this.current = undefined;
        await client.stop().catch(() => undefined);
        throw e;
      },
    );
    this.current = { client, ready };
    return ready;
  }

  /** The client when it is running now, without starting one. */
  async running(): Promise<C | undefined> {
    if (!this.current) return undefined;
    return this.current.ready.then((c) => c, () => undefined);
  }

  /** Stops the current client (whatever state it is in) and starts a new one. */
  async restart(): Promise<C> {
    await this.stop();
    return this.client();
  }

  async stop(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.generation++;
    if (!current) return;
    await current.ready.then((c) => c.stop(), () => undefined).catch(() => undefined);
  }

  /** Called with each client that starts (the first, and each one after a restart). */
  onDidStart(listener: (client: C) => void): { dispose(): void } {
    this.started.add(listener);
    return { dispose: () => this.started.delete(listener) };
  }
}
