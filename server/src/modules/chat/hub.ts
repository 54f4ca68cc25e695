import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { WebSocket } from 'ws';
import { CHAT_HEARTBEAT_MS, type ChatServerFrame } from '@tj/shared';
import type { SharedState } from '../../lib/shared-state';
import { createPool } from '../../db/client';
import { SendQueue } from './send-queue';

/** At most this many messages in a 10-second window (and CHAT_SEND_PER_MINUTE in a minute's). */
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
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    /** The fan-out between instances and the shared send counts (lib/shared-state: Redis or in-process). */
    readonly shared: SharedState,
    /** Instances of one database share a channel; another database's (a test's, a staging copy's) never mixes in. */
    private readonly channel: string,
    private readonly sendPerMinute: number,
    private readonly now: () => number,
  ) {}

  async start() {
    await this.shared.subscribe(this.channel, (payload) => this.onBus(payload));
    // a socket silent for three heartbeats is gone (a phone that lost its network never says so)
    this.sweeper = setInterval(() => this.sweep(), CHAT_HEARTBEAT_MS);
    this.sweeper.unref();
  }

  async stop() {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.sockets.clear();
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
    return this.publishText(userIds, JSON.stringify(frame), except);
  }

  /** `publish` with the frame's JSON already made (`frames.ts`). */
  async publishText(userIds: readonly number[], frameText: string, except?: WebSocket) {
    if (userIds.length === 0) return;
    // the database has the record; a push that does not get out is fetched by cursor
    await this.shared.publish(this.channel, `${userIds.join(',')}\n${(except && this.tags.get(except)) ?? ''}\n${frameText}`).catch(() => undefined);
  }

  /**
   * Ten seconds' share: BURST (never more than a minute's), or a sixth of a minute's when that is
   * more — a limit raised for a load test is not capped at 2 a second.
   */
  private get burstLimit() {
    return Math.max(Math.min(BURST, this.sendPerMinute), Math.ceil(this.sendPerMinute / 6));
  }

  /**
   * The per-sender limit (§6.6, issue 18): at most `sendPerMinute` messages in a minute's window
   * and `burstLimit` in ten seconds', on the app clock, counted across every instance when REDIS_URL is
   * set (a second instance no longer doubles it). Counts that cannot be taken (Redis away) let
   * the message through.
   */
  async allow(userId: number): Promise<boolean> {
    const now = this.now();
    const key = `${this.channel}:sent:${userId}`;
    const [minute, burst] = await Promise.all([this.shared.count(`${key}:m`, 60_000, now), this.shared.count(`${key}:b`, 10_000, now)]);
    return (minute ?? 0) <= this.sendPerMinute && (burst ?? 0) <= this.burstLimit;
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
    const hub = new ChatHub(app.shared, `chat:${new URL(app.config.databaseUrl).host}${new URL(app.config.databaseUrl).pathname}`, app.config.chatSendPerMinute, () =>
      app.clock.now().getTime(),
    );
    await hub.start();
    app.decorate('chatHub', hub);
    // the send queue's own connections: a batch's statements go as one packet each way
    const batchPool = createPool(app.config.databaseUrl, SendQueue.connections, app.config.databaseNodes, { multipleStatements: true });
    app.decorate('chatSends', new SendQueue(app.db, batchPool, (err) => app.log.warn({ err }, 'chat batch sent again one by one')));
    app.addHook('onClose', async () => {
      await hub.stop();
      await batchPool.end();
    });
  },
  { name: 'chat-hub', dependencies: ['context', 'db'] },
);
