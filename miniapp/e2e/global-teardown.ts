import { stopStack, type Stack } from './stack';

export default async function globalTeardown() {
  const stacks = (globalThis as { __E2E_STACKS__?: Stack[] }).__E2E_STACKS__ ?? [];
  await Promise.all(stacks.map((s) => stopStack(s)));
}
