/** A terminal's progress line: one line rewritten in place as a step advances, with the time since the start. */
export interface ProgressLine {
  update(step: string, done: number, total: number): void;
  /** Prints a message above the progress line. */
  log(message: string): void;
  clear(): void;
}

/** The progress line on a terminal stream (only ever given one that is a TTY: logs get no control characters). */
export function progressLine(out: NodeJS.WriteStream, started: number): ProgressLine {
  let shown = '';
  const clear = () => {
    if (shown) out.write('\r\x1b[2K');
    shown = '';
  };
  return {
    update(step, done, total) {
      clear();
      shown = `${step} ${done}/${total} · ${((performance.now() - started) / 1000).toFixed(1)} s`;
      out.write(shown);
    },
    log(message) {
      const again = shown;
      clear();
      out.write(`${message}\n`);
      if (again) {
        shown = again;
        out.write(shown);
      }
    },
    clear,
  };
}
