/**
 * A small seeded generator (mulberry32): the same seed gives the same numbers on every machine, so a recorded
 * seed replays a routing trial's draw and a bootstrap interval is the same each time the report is built.
 * Not for secrets. Returns numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh 32-bit seed (not reproducible: it is the seed that gets recorded). */
export function newSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}
