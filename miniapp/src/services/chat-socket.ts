import Taro from '@tarojs/taro';
import { CHAT_HEARTBEAT_MS, ChatCloseCodes, reconnectDelayMs, type ChatClientFrame, type ChatServerFrame } from '@tj/shared';
import { API_BASE } from '../env';
import { currentAccessToken, refreshAccessToken } from './http';

/**
 * §6.6 the chat socket (issue 18): one per app, `Taro.connectSocket` on weapp and H5. It
 * authenticates with its first frame (the token never goes in the URL), pings every
 * CHAT_HEARTBEAT_MS, reconnects with exponential backoff, answers TOKEN_EXPIRED by refreshing
 * the session and reconnecting at once, and stays down while the phone is offline. The socket
 * is only the fast path: whoever listens re-syncs by sequence cursor on every `ready`.
 */

export type ChatSocketStatus = 'idle' | 'connecting' | 'open' | 'offline' | 'closed';
type Listener = (frame: ChatServerFrame) => void;
type StatusListener = (status: ChatSocketStatus) => void;

/** ws(s)://host/api/chat/socket from the API base ('/api' on H5: the page's own origin). */
export function chatSocketUrl(base: string = API_BASE): string {
  if (/^https?:\/\//.test(base)) return `${base.replace(/^http/, 'ws').replace(/\/$/, '')}/chat/socket`;
  const loc = typeof window !== 'undefined' ? window.location : null;
  const origin = loc ? `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}` : 'ws://127.0.0.1';
  return `${origin}${base.replace(/\/$/, '')}/chat/socket`;
}

class ChatSocket {
  private task: Taro.SocketTask | null = null;
  private wanted = false;
  private online = true;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastPong = 0;
  private listeners = new Set<Listener>();
  private statusListeners = new Set<StatusListener>();
  private watchingNetwork = false;
  status: ChatSocketStatus = 'idle';

  /** Connects (if not yet) and keeps the socket up until stop(). */
  start() {
    this.wanted = true;
    this.watchNetwork();
    if (!this.task && !this.retryTimer) void this.connect();
  }

  /** Logout: closes and stays closed. */
  stop() {
    this.wanted = false;
    this.clearTimers();
    this.closeTask(1000);
    this.setStatus('idle');
  }

  on(listener: Listener) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onStatus(listener: StatusListener) {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  /** Sends a frame if the socket is open; false otherwise (the caller keeps it for later). */
  send(frame: ChatClientFrame): boolean {
    if (this.status !== 'open' || !this.task) return false;
    try {
      this.task.send({ data: JSON.stringify(frame), fail: () => undefined });
    } catch {
      return false;
    }
    return true;
  }

  private setStatus(status: ChatSocketStatus) {
    if (this.status === status) return;
    this.status = status;
    this.statusListeners.forEach((l) => l(status));
  }

  private watchNetwork() {
    if (this.watchingNetwork) return;
    this.watchingNetwork = true;
    const change = (online: boolean) => {
      this.online = online;
      if (!online) {
        // a lost network is never announced by the socket itself: drop it now
        this.clearTimers();
        this.closeTask(1000);
        this.setStatus('offline');
      } else if (this.wanted) {
        this.attempt = 0;
        this.clearTimers();
        void this.connect();
      }
    };
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
      this.online = window.navigator.onLine !== false;
      window.addEventListener('offline', () => change(false));
      window.addEventListener('online', () => change(true));
    } else if (typeof Taro.onNetworkStatusChange === 'function') {
      Taro.onNetworkStatusChange((res) => change(res.isConnected));
    }
  }

  private async connect() {
    this.retryTimer = null;
    if (!this.wanted) return;
    if (!this.online) return this.setStatus('offline');
    const token = currentAccessToken();
    if (!token) return this.setStatus('closed');
    this.setStatus('connecting');
    let task: Taro.SocketTask;
    try {
      task = await Taro.connectSocket({ url: chatSocketUrl(), multiple: true } as Taro.connectSocket.Option);
    } catch {
      return this.scheduleReconnect();
    }
    this.task = task;
    task.onOpen(() => {
      task.send({ data: JSON.stringify({ type: 'auth', token: currentAccessToken() ?? token }), fail: () => undefined });
    });
    task.onMessage((res) => {
      let frame: ChatServerFrame;
      try {
        frame = JSON.parse(String(res.data)) as ChatServerFrame;
      } catch {
        return;
      }
      if (this.task !== task) return;
      this.lastPong = Date.now();
      if (frame.type === 'ready') {
        this.attempt = 0;
        this.setStatus('open');
        this.startHeartbeat();
      }
      this.listeners.forEach((l) => l(frame));
    });
    task.onClose((res) => {
      if (this.task !== task) return;
      this.task = null;
      this.stopHeartbeat();
      void this.afterClose(res.code);
    });
    task.onError(() => undefined);
  }

  private async afterClose(code: number) {
    if (!this.wanted) return;
    if (!this.online) return this.setStatus('offline');
    if (code === ChatCloseCodes.TOKEN_EXPIRED || code === ChatCloseCodes.UNAUTHORIZED) {
      // the access token ran out: refresh once and reconnect at once; a refused refresh ends the session
      if (await refreshAccessToken()) return void this.connect();
      return this.setStatus('closed');
    }
    if (code === ChatCloseCodes.NOT_CADRE) return this.setStatus('closed');
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    this.setStatus('connecting');
    if (this.retryTimer || !this.wanted) return;
    this.retryTimer = setTimeout(() => void this.connect(), reconnectDelayMs(this.attempt++));
  }

  private startHeartbeat() {
    this.stopHeartbeat();
    this.lastPong = Date.now();
    this.heartbeat = setInterval(() => {
      // no answer to two pings: the connection is dead even if nobody said so
      if (Date.now() - this.lastPong > 2 * CHAT_HEARTBEAT_MS + 5000) {
        this.closeTask(4999);
        this.task = null;
        this.stopHeartbeat();
        return this.scheduleReconnect();
      }
      this.send({ type: 'ping' });
    }, CHAT_HEARTBEAT_MS);
  }

  private stopHeartbeat() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private clearTimers() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopHeartbeat();
  }

  private closeTask(code: number) {
    const task = this.task;
    this.task = null;
    if (task) {
      try {
        task.close({ code, fail: () => undefined });
      } catch {
        // already closed
      }
    }
  }
}

/** The app's one chat socket. */
export const chatSocket = new ChatSocket();
