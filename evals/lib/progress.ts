/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per tenth otherwise). */
export const createProgress = (total: number) => {
  const isTty = process.stderr.isTTY;
  let done = 0;
  let failed = 0;
  let lastTenth = -1;
  return {
    tick: (label: string, passed: boolean) => {
      done += 1;
      if (!passed) failed += 1;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} failed ${failed}  ${passed ? 'ok  ' : 'FAIL'} ${label}`;
      if (isTty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
      else if (!passed || Math.floor((done / total) * 10) > lastTenth) {
        lastTenth = Math.floor((done / total) * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    end: () => {
      if (isTty) process.stderr.write('\n');
    },
  };
};
