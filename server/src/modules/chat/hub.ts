import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { WebSocket } from 'ws';
import { CHAT_HEARTBEAT_MS, type ChatServerFrame } from '@tj/shared';
import { createBus, type Bus } from '../../lib/bus';
import { SendQueue } from './send-queue';

/** Bursts of up to this many messages, refilled at CHAT_SEND_PER_MINUTE. */
const BURST = 20;

/**
 * The sockets connected to this instance, by user, and the fan-out between instances: a frame
 * for users [a, b] is published on the bus once and every instance writes it to its own
 * sockets of a and b. The database has already recorded what the frame tells; a frame lost
 * here is fetched by the client's sequence cursor on its next sync.
 */
export class ChatHub {
  private readonly sockets = new Map<number, Set<WebSocket>>();
  private readonly lastSeen = new WeakMap<WebSocket, number>();
  /** Names sockets across instances, so a frame can skip the socket it answers (it got an ack). */
  private readonly tags = new WeakMap<WebSocket, string>();
  private readonly instanceTag = randomBytes(6).toString('hex');
  private tagged = 0;
  private readonly buckets = new Map<number, { tokens: number; at: number }>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    readonly bus: Bus,
    /** Instances of one database share a channel; another database's (a test's, a staging copy's) never mixes in. */
    private readonly channel: string,
    private readonly sendPerMinute: number,
    private readonly now: () => number,
  ) {}

  async start() {
    await this.bus.subscribe(this.channel, (payload) => this.onBus(payload));
    // a socket silent for three heartbeats is gone (a phone that lost its network never says so)
    this.sweeper = setInterval(() => this.sweep(), CHAT_HEARTBEAT_MS);
    this.sweeper.unref();
  }

  async stop() {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.sockets.clear();
    await this.bus.close();
  }

  add(userId: number, ws: WebSocket) {
    let set = this.sockets.get(userId);
    if (!set) this.sockets.set(userId, (set = new Set()));
    set.add(ws);
    this.tags.set(ws, `${this.instanceTag}.${++this.tagged}`);
    this.touch(ws);
  }

  remove(userId: number, ws: WebSocket) {
    const set = this.sockets.get(userId);
    if (!set) return;
    set.delete(ws);
    if (set.size === 0) this.sockets.delete(userId);
  }

  touch(ws: WebSocket) {
    this.lastSeen.set(ws, Date.now());
  }

  get connections() {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }

  /**
   * Publishes a frame for these users to every instance (this one included); `except`, the
   * socket that sent what the frame tells, is skipped — it has its ack (the sender's other
   * devices still get the frame).
   */
  async publish(userIds: readonly number[], frame: ChatServerFrame, except?: WebSocket) {
    if (userIds.length === 0) return;
    await this.bus.publish(this.channel, `${userIds.join(',')}\n${(except && this.tags.get(except)) ?? ''}\n${JSON.stringify(frame)}`);
  }

  /** Per-sender token bucket on the app clock: false when the sender is over the limit. */
  take(userId: number): boolean {
    const now = this.now();
    const capacity = Math.min(BURST, this.sendPerMinute);
    const b = this.buckets.get(userId) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) * this.sendPerMinute) / 60_000);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(userId, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(userId, b);
    if (this.buckets.size > 50_000) this.buckets.clear();
    return true;
  }

  private onBus(payload: string) {
    const nl = payload.indexOf('\n');
    const nl2 = payload.indexOf('\n', nl + 1);
    if (nl < 0 || nl2 < 0) return;
    const except = payload.slice(nl + 1, nl2);
    const frame = payload.slice(nl2 + 1);
    for (const id of payload.slice(0, nl).split(',')) {
      const set = this.sockets.get(Number(id));
      if (set) for (const ws of set) if (ws.readyState === ws.OPEN && (!except || this.tags.get(ws) !== except)) ws.send(frame);
    }
  }

  private sweep() {
    const cutoff = Date.now() - 3 * CHAT_HEARTBEAT_MS;
    for (const set of this.sockets.values()) for (const ws of set) if ((this.lastSeen.get(ws) ?? 0) < cutoff) ws.terminate();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    chatHub: ChatHub;
    /** Text sends, written in batches (group commit). */
    chatSends: SendQueue;
  }
}

export default fp(
  async (app) => {
    const hub = new ChatHub(createBus(app.config.redisUrl), `tj:chat:${new URL(app.config.databaseUrl).host}${new URL(app.config.databaseUrl).pathname}`, app.config.chatSendPerMinute, () =>
      app.clock.now().getTime(),
    );
    await hub.start();
    app.decorate('chatHub', hub);
    app.decorate('chatSends', new SendQueue(app.db, (err) => app.log.warn({ err }, 'chat batch sent again one by one')));
    app.addHook('onClose', async () => hub.stop());
  },
  { name: 'chat-hub', dependencies: ['context', 'db'] },
);
