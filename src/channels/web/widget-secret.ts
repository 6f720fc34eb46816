import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * WIDGET_SECRET when set; otherwise one generated on first start and kept in DATA_DIR, so widget tokens (and with
 * them anonymous people's chat history) survive restarts. Several nodes must share WIDGET_SECRET explicitly.
 */
export const loadWidgetSecret = async (configured: string | undefined, dataDir: string): Promise<string> => {
  if (configured) return configured;
  const file = join(dataDir, 'widget-secret');
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (existing.length >= 32) return existing;
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  // `wx`: when two processes start at once, the first file wins and the second reads it.
  const written = await writeFile(file, `${secret}\n`, { flag: 'wx', mode: 0o600 }).then(
    () => true,
    () => false,
  );
  if (!written) return (await readFile(file, 'utf8')).trim();
  await chmod(file, 0o600);
  return secret;
};
