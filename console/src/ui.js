import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { useStore } from './store.js';

export function Status({ id, text }) {
  return text ? html`<p class="status" id=${id}>${text}</p>` : null;
}

/** A counter that moves when a live event of one of the given types arrives: pages re-read on it. */
export function useLiveRefresh(types) {
  const { live } = useStore();
  const [tick, setTick] = useState(0);
  const newest = live.find((e) => types.includes(e.type));
  const key = newest ? newest.id : '';
  useEffect(() => {
    if (key) setTick((t) => t + 1);
  }, [key]);
  return tick;
}

/** A bar chart in SVG of BigInt values (heights by integer ratio to the largest). */
export function Chart({ series, format }) {
  const max = series.reduce((m, s) => (s.value > m ? s.value : m), 0n);
  const w = 24;
  const h = 120;
  return html`<svg class="chart" width=${Math.max(series.length * w, 100)} height=${h + 20} role="img">
    ${series.map((s, i) => {
      const bh = max === 0n ? 0 : Number((s.value * BigInt(h)) / max);
      return html`<g><rect x=${i * w + 2} y=${h - bh} width=${w - 4} height=${bh}><title>epoch ${s.label}: ${format(s.value)}</title></rect>
        <text x=${i * w + w / 2} y=${h + 14} text-anchor="middle">${s.label}</text></g>`;
    })}</svg>`;
}

