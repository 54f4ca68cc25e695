import { chinaDateTime, todayInChina, yearInChina } from '../src';

// Issue 14 item 5: UTC+8 lives once in shared/ (dates.ts); server and mini-program call these.
describe('China wall clock (UTC+8, no DST)', () => {
  it('yearInChina turns at 16:00 UTC on 31 December', () => {
    expect(yearInChina(new Date('2024-12-31T15:59:59Z'))).toBe(2024);
    expect(yearInChina(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
    expect(yearInChina()).toBe(Number(todayInChina().slice(0, 4)));
  });

  it('chinaDateTime shows an instant as China reads it, minutes only', () => {
    expect(chinaDateTime('2025-11-21T08:05:00.000Z')).toBe('2025-11-21 16:05');
    expect(chinaDateTime('2025-11-21T03:04:05Z')).toBe('2025-11-21 11:04');
    expect(chinaDateTime('2025-11-21T16:30:59Z')).toBe('2025-11-22 00:30');
    expect(chinaDateTime('2025-11-21T12:00:00+08:00')).toBe('2025-11-21 12:00');
  });

  it('chinaDateTime leaves text that is not a date alone', () => {
    expect(chinaDateTime('soon')).toBe('soon');
    expect(chinaDateTime('')).toBe('');
  });
});
