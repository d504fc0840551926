/**
 * Sets `key` in `map` as its most recently used entry (a Map iterates in insertion order) and drops the least
 * recently used ones beyond `limit`.
 */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  for (const old of map.keys()) {
    if (map.size <= limit) return;
    map.delete(old);
  }
}
