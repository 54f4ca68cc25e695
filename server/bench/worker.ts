/**
 * A generator worker thread (generate.ts): builds the province, then generates the
 * partitions the main thread hands it, posting each ~1 MB of LOAD DATA text as a
 * transferred buffer. At most a few chunks are unacknowledged at a time, so the loader's
 * backpressure reaches the generation.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generatePartition, planPartitions, provinceOf, type PartitionJob, type Table } from './partition';

const job = workerData as PartitionJob;
const port = parentPort!;
const province = provinceOf(job.members, job.today);
const bases = planPartitions(province.orgs, job.parts);
const IN_FLIGHT = 4;

let unacked = 0;
const waiting: (() => void)[] = [];
const acked = () => {
  unacked--;
  waiting.shift()?.();
};
const nextAck = () => new Promise<void>((resolve) => waiting.push(resolve));

const emit = (table: Table, text: string, rows: number): Promise<void> | void => {
  const buf = Buffer.from(text, 'utf8');
  // a fresh ArrayBuffer per chunk (not the pool's), so it can be transferred
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  unacked++;
  port.postMessage({ type: 'rows', table, rows, data: ab }, [ab]);
  if (unacked > IN_FLIGHT) return nextAck();
};

/** Never rejects: a failure is posted to the main thread, which fails the run. */
async function runPartition(part: number): Promise<void> {
  try {
    const result = await generatePartition(job, province.orgs, bases[part], part, emit);
    while (unacked > 0) await nextAck();
    port.postMessage({ type: 'done', part, result });
  } catch (err) {
    port.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

port.on('message', (msg: { type: 'ack' } | { type: 'partition'; part: number } | { type: 'exit' }) => {
  if (msg.type === 'ack') return acked();
  if (msg.type === 'exit') return port.close();
  void runPartition(msg.part);
});
port.postMessage({ type: 'ready' });
