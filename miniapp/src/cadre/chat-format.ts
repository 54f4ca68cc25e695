import type { ChatMessage } from '@tj/shared';

/** A list's time: 14:05 today, 12-03 before, 2025-12-03 in another year (China time). */
export function chatTime(iso: string | null, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  const cn = (x: Date) => new Date(x.getTime() + 8 * 3600_000).toISOString();
  const [day, time] = [cn(d).slice(0, 10), cn(d).slice(11, 16)];
  if (day === cn(now).slice(0, 10)) return time;
  return day.slice(0, 4) === cn(now).slice(0, 4) ? day.slice(5) : day;
}

/** One line of a message for the list. */
export function chatPreview(m: ChatMessage | null, myId: string, group: boolean): string {
  if (!m) return group ? '组织群，本组织已入驻的团干部都在这里' : '';
  if (m.recalled) return `${m.senderId === myId ? '您' : m.senderName}撤回了一条消息`;
  const body = m.kind === 'image' ? '[图片]' : (m.text ?? '');
  return group && m.senderId !== myId ? `${m.senderName}：${body}` : body;
}

export const initial = (name: string) => [...name.trim()][0] ?? '团';
