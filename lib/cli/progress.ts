import type { CsvProgress } from '../credit/csvStream';

/**
 * The progress line of a CSV run of `size` bytes on a terminal (nothing on another stream, nor when `quiet`): `update`
 * rewrites it at most every 200 ms as « 42 %  » then `line(progress, rows per second)`; `clear` erases it before any other line.
 */
export function progressLine(
  stream: { write(text: string): unknown; readonly isTTY?: boolean },
  quiet: boolean,
  size: number,
  line: (p: CsvProgress, rate: string) => string,
) {
  const tty = stream.isTTY === true && !quiet;
  const write = (text: string) => stream.write(text);
  const started = performance.now();
  let last = 0;
  return {
    clear: () => {
      if (tty) write('\r\x1b[K');
    },
    update: (p: CsvProgress) => {
      const now = performance.now();
      if (!tty || now - last < 200) return;
      last = now;
      const pct = size > 0 ? Math.min(100, (100 * p.bytesRead) / size) : 100;
      write(`\r\x1b[K${pct.toFixed(0)} %  ${line(p, Math.round(p.rows / ((now - started) / 1000)).toLocaleString('en'))}`);
    },
  };
}
