import { get, set } from './store.js';

/**
 * The node's server-sent events (GET /api/v1/live, docs/console.md): new epochs, roots, slashes, votes and proposals.
 * The browser's EventSource reconnects by itself and sends Last-Event-ID.
 */
export const LIVE_TYPES = ['epoch', 'root', 'slash', 'vote', 'proposal', 'claim', 'attestation'];

export function subscribe() {
  const source = new EventSource('/api/v1/live');
  source.onopen = () => set({ liveStatus: 'live' });
  source.onerror = () => set({ liveStatus: 'reconnecting' });
  for (const type of LIVE_TYPES) {
    source.addEventListener(type, (m) => {
      let data = {};
      try {
        data = JSON.parse(m.data);
      } catch {
        data = { raw: m.data };
      }
      set({ live: [{ id: m.lastEventId || String(Date.now()), type, data, at: new Date() }, ...get().live].slice(0, 50) });
    });
  }
  return source;
}
