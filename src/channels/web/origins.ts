/** Normalizes an origin (`scheme://host[:port]`, default ports dropped); null when it is not one. */
export const normalizeOrigin = (value: string): string | null => {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
};

export type OriginPolicy = {
  /** Whether a browser on `origin` may use the chat; `ownOrigin` (the server's) is always allowed. */
  isAllowed: (origin: string, ownOrigin: string) => boolean;
};

/** `*` allows every site (a public widget); otherwise exact origins only: no wildcards that could match too much. */
export const createOriginPolicy = (allowed: string[]): OriginPolicy => {
  const any = allowed.includes('*');
  const set = new Set(allowed.map(normalizeOrigin).filter((o): o is string => o !== null));
  return {
    isAllowed: (origin, ownOrigin) => {
      const normalized = normalizeOrigin(origin);
      if (!normalized) return false;
      return any || normalized === normalizeOrigin(ownOrigin) || set.has(normalized);
    },
  };
};
