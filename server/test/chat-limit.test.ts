import { memoryState } from '../src/lib/shared-state';
import { ChatHub } from '../src/modules/chat/hub';

/** §6.6 per-sender limit: a minute's window and ten seconds' share of it (hub.allow, on the app clock). */
describe('chat send limit', () => {
  const sent = async (perMinute: number, n: number, at = Date.UTC(2026, 11, 6, 0, 0, 1)) => {
    const hub = new ChatHub(memoryState(), 'chat:test', perMinute, () => at);
    let allowed = 0;
    for (let i = 0; i < n; i++) if (await hub.allow(7)) allowed++;
    return allowed;
  };

  it('allows at most 20 in ten seconds at the default 60 a minute', async () => {
    expect(await sent(60, 30)).toBe(20);
  });

  it('never allows more in ten seconds than in a minute', async () => {
    expect(await sent(3, 10)).toBe(3);
  });

  it('a raised limit raises the ten-second share to a sixth of it', async () => {
    expect(await sent(600, 150)).toBe(100);
  });
});
