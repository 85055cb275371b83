import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { keccak256 } from 'viem';
import { api } from './api.js';
import { short } from './format.js';
import * as abis from './generated/abis.js';
import { read } from './wallet.js';
import { Status, useLiveRefresh } from './ui.js';

/** Auditors: epochs with seed, parameters, counts, root and transaction; verification; CSV and bundle; indexed events. */
export function AuditorPage() {
  const [epochs, setEpochs] = useState(null);
  const [selected, setSelected] = useState(null);
  const tick = useLiveRefresh(['epoch', 'root']);
  useEffect(() => {
    api('/epochs').then(setEpochs).catch((e) => setEpochs({ error: e.message }));
  }, [tick]);
  return html`<section><h2>Epochs</h2>
    ${epochs?.error && html`<p class="error">${epochs.error}</p>`}
    <table class="list" id="epochs"><thead><tr><th>epoch</th><th>status</th><th>receipts</th><th>sampled</th><th>pass/fail/unattested</th>
      <th>root</th><th>transaction</th></tr></thead>
      <tbody>${(Array.isArray(epochs) ? epochs : []).map((e) => html`<tr data-epoch=${e.epoch} class=${selected === e.epoch ? 'selected' : ''}
        onClick=${() => setSelected(e.epoch)}><td>${e.epoch}</td><td>${e.status}</td><td>${e.receipts}</td><td>${e.sampled}</td>
        <td>${e.attestedPass}/${e.attestedFail}/${e.unattested}</td><td class="mono" title=${e.root}>${short(e.root)}</td>
        <td class="mono" title=${e.txHash}>${short(e.txHash)}</td></tr>`)}</tbody></table>
    ${selected != null && html`<${Epoch} epoch=${selected} />`}
    <${Events} />
  </section>`;
}

function Epoch({ epoch }) {
  const [e, setE] = useState(null);
  const [report, setReport] = useState(null);
  const [bundle, setBundle] = useState(null);
  useEffect(() => {
    setReport(null);
    setBundle(null);
    api('/epochs/' + epoch).then(setE).catch((x) => setE({ error: x.message }));
  }, [epoch]);
  if (!e) return html`<p>loading…</p>`;
  if (e.error) return html`<p class="error">${e.error}</p>`;

  async function verify() {
    setReport({ running: true });
    try {
      setReport(await api(`/audit/epochs/${epoch}/verify`));
    } catch (x) {
      setReport({ error: x.message });
    }
  }

  /** In the browser: the bundle's keccak256 against the bundleHash committed on chain with the root. */
  async function checkBundle() {
    setBundle('downloading the bundle…');
    try {
      const response = await fetch(`/api/v1/epochs/${epoch}/bundle`);
      if (!response.ok) throw new Error('no public bundle for this epoch (' + response.status + ')');
      const bytes = new Uint8Array(await response.arrayBuffer());
      const hash = keccak256(bytes);
      const committed = await read('RewardDistributor', abis.RewardDistributor, 'bundleHash', [BigInt(epoch)]);
      setBundle(hash === committed ? `bundle matches the chain: keccak256 ${hash} (${bytes.length} bytes)`
        : `DIFFERENT: the bundle hashes to ${hash}, the chain committed ${committed}`);
    } catch (x) {
      setBundle('cannot check: ' + x.message);
    }
  }

  return html`<div class="card" id="epoch-detail"><h3>Epoch ${e.epoch} (${e.status})</h3>
    <p>Closing block ${e.closingBlock}, seed <span class="mono">${e.seed}</span>, sampling rate ${e.samplingRateWad} (wad).</p>
    <p>Root <span class="mono">${e.root}</span>, transaction <span class="mono">${e.txHash ?? 'not yet'}</span>${e.txBlock ? ' in block ' + e.txBlock : ''}.
      Computed ${e.computedAt ?? ''}${e.publishedAt ? ', published ' + e.publishedAt : ''}.</p>
    <details><summary>Parameters and totals</summary><pre>${JSON.stringify({ parameters: e.parameters, totals: e.totals, forfeited: e.forfeited }, null, 1)}</pre></details>
    <p><button id="verify" onClick=${verify}>Verify (recompute the epoch)</button>
      <button id="check-bundle" onClick=${checkBundle}>Check the bundle against the chain (in this browser)</button>
      <a id="rewards-csv" href=${`/api/v1/epochs/${epoch}/rewards?format=csv`} download=${`epoch-${epoch}-rewards.csv`}>rewards CSV</a>
      <a id="bundle" href=${`/api/v1/epochs/${epoch}/bundle`} download=${`epoch-${epoch}-bundle.json`}>public bundle</a></p>
    ${report && html`<div id="verify-result" class=${report.match ? 'ok' : report.running ? '' : 'bad'}>${report.running ? 'recomputing…'
      : report.error ? report.error
      : html`<b>${report.match ? 'match' : 'MISMATCH'}</b>: on chain ${short(report.onChainRoot)}, recomputed ${short(report.recomputedRoot)},
          stored ${short(report.storedRoot)}; ${report.receipts} receipts, ${report.sampled} sampled.
          ${report.differences.length > 0 && html`<p>First difference: <b id="first-difference">${report.differences[0]}</b>
            ${report.differences.length > 1 ? ` (and ${report.differences.length - 1} more)` : ''}</p>`}`}</div>`}
    <${Status} id="bundle-status" text=${bundle} />
  </div>`;
}

const CONTRACTS = ['RewardDistributor', 'StakingManager', 'OctoGovernor', 'PaymentEscrow', 'AttestationRegistry', 'Treasury',
  'OctoToken', 'RoleToken', 'TimelockController'];

function eventsOf(contract) {
  const abi = abis[contract];
  return abi ? abi.filter((x) => x.type === 'event').map((x) => x.name) : [];
}

/** Indexed events of one contract kind and event, in chain order, one keyset page at a time. */
function Events() {
  const [q, setQ] = useState({ contract: 'RewardDistributor', event: 'RootSubmitted' });
  const [pages, setPages] = useState([]);
  const [error, setError] = useState(null);
  async function load(after) {
    try {
      const p = await api(`/audit/events?contract=${q.contract}&event=${q.event}&limit=50${after ? '&after=' + after : ''}`);
      setPages(after ? [...pages, p] : [p]);
      setError(null);
    } catch (e) {
      setError(e.code + ': ' + e.message);
    }
  }
  useEffect(() => { load(null); }, [q.contract, q.event]);
  const events = pages.flatMap((p) => p.events);
  const last = pages[pages.length - 1];
  const names = eventsOf(q.contract);
  return html`<div class="card" id="events"><h3>Indexed events</h3>
    <select value=${q.contract} onChange=${(e) => setQ({ contract: e.target.value, event: eventsOf(e.target.value)[0] ?? '' })}>
      ${CONTRACTS.map((c) => html`<option value=${c}>${c}</option>`)}</select>
    ${names.length > 0 ? html`<select value=${q.event} onChange=${(e) => setQ({ ...q, event: e.target.value })}>
      ${names.map((n) => html`<option value=${n}>${n}</option>`)}</select>`
      : html`<input value=${q.event} placeholder="event name" onChange=${(e) => setQ({ ...q, event: e.target.value })} />`}
    ${error && html`<p class="error">${error}</p>`}
    <table class="list"><tbody>${events.map((e) => html`<tr><td>${e.block_number}:${e.log_index}</td><td class="mono">${short(e.tx_hash)}</td>
      <td class="mono">${JSON.stringify(Object.fromEntries(Object.entries(e).filter(([k]) =>
        !['block_number', 'log_index', 'tx_index', 'block_hash', 'tx_hash', 'contract'].includes(k))))}</td></tr>`)}</tbody></table>
    ${last?.hasMore && html`<button onClick=${() => load(last.next)}>More</button>`}
  </div>`;
}

