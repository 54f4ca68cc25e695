// temporary helper (not committed): keeps a stack up for manual checks
import { startStack, stopStack } from './stack';
(async () => {
  const s = await startStack();
  console.log('URL', s.baseUrl);
  const stop = async () => { await stopStack(s); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => {}, 1 << 30);
})();
