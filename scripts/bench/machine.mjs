/** Date, machine and load line for the bench header. */
import { cpus, loadavg, totalmem } from 'node:os';

export function machineLine() {
  const cpu = cpus();
  const model = cpu[0]?.model?.trim() || 'unknown cpu';
  return `date: ${new Date().toISOString()}  machine: ${model}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${process.platform}-${process.arch}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}
