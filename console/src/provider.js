import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { parseAmount, ROLES, short, units, when, wei } from './format.js';
import { OctoToken, RewardDistributor, StakingManager } from './generated/abis.js';
import { address, read, requireWallet, send } from './wallet.js';
import { useStore } from './store.js';
import { Chart, Status, useLiveRefresh } from './ui.js';

/** Providers: stake per role and the unbonding queue, claimable rewards and one-transaction claims, earnings, verdicts, slashes. */
export function ProviderPage() {
  const { account } = useStore();
  const tick = useLiveRefresh(['root', 'slash', 'epoch', 'claim']);
  if (!account) return html`<section><h2>Provider</h2><p>Connect a wallet to see your stake and rewards.</p></section>`;
  return html`<section><h2>Provider <span class="mono">${account}</span></h2>
    <${Claim} account=${account} tick=${tick} />
    <${Profile} account=${account} tick=${tick} />
    <${Earnings} account=${account} tick=${tick} />
    <${Stakes} account=${account} tick=${tick} />
    <${Verdicts} account=${account} tick=${tick} />
  </section>`;
}

const symbols = new Map();
async function symbol(token) {
  if (!symbols.has(token)) symbols.set(token, await read(token, OctoToken, 'symbol').catch(() => short(token)));
  return symbols.get(token);
}

function useSymbols(tokens) {
  const [names, setNames] = useState({});
  const key = tokens.join(',');
  useEffect(() => {
    Promise.all(tokens.map(async (t) => [t, await symbol(t)])).then((e) => setNames(Object.fromEntries(e)));
  }, [key]);
  return (t) => names[t] ?? short(t);
}

/** Claimable per token, and one claimMany transaction with the API's proofs for all of them. */
function Claim({ account, tick }) {
  const [r, setR] = useState(null);
  const [status, setStatus] = useState(null);
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    api('/rewards/' + account).then(setR).catch((e) => setR({ error: e.message }));
  }, [account, tick, refresh]);
  const name = useSymbols((r?.rewards ?? []).map((x) => x.token));
  if (!r) return html`<p>loading rewards…</p>`;
  if (r.error) return html`<p class="error">${r.error}</p>`;
  const open = (r.rewards ?? []).filter((x) => wei(x.claimable) > 0n);
  async function claim() {
    try {
      const hash = await send('RewardDistributor', RewardDistributor, 'claimMany', [account, open.map((x) => x.token),
        open.map((x) => wei(x.cumulativeAmount)), open.map((x) => x.proof)], setStatus);
      setStatus('claimed: ' + hash);
      setRefresh((n) => n + 1);
    } catch (e) {
      setStatus('refused: ' + e.message);
    }
  }
  return html`<div class="card" id="claim">
    <h3>Rewards</h3>
    ${r.epoch == null ? html`<p>No active root yet.</p>` : html`<p>Active root of epoch ${r.epoch} (${short(r.root)}), active since ${when(r.activatesAt)}.</p>`}
    <table class="list"><thead><tr><th>token</th><th>cumulative</th><th>claimed</th><th>claimable</th></tr></thead>
      <tbody>${(r.rewards ?? []).map((x) => html`<tr data-token=${x.token}><td title=${x.token}>${name(x.token)}</td>
        <td>${units(x.cumulativeAmount)}</td><td>${units(x.claimed)}</td><td class="claimable" data-wei=${x.claimable}>${units(x.claimable)}</td></tr>`)}</tbody></table>
    ${r.pending && html`<p>A newer root (epoch ${r.pending.epoch}) activates at ${when(r.pending.activatesAt)}.</p>`}
    <button id="claim-all" disabled=${open.length === 0} onClick=${claim}>${open.length === 0 ? 'Nothing to claim' : 'Claim all (' + open.length + ' token' + (open.length > 1 ? 's' : '') + ', one transaction)'}</button>
    <${Status} id="claim-status" text=${status} />
  </div>`;
}

/** Basis points as a decimal text (integer arithmetic): 12_500 -> "1.25". */
const bpsText = (bps, scale) => {
  const b = BigInt(bps);
  const s = BigInt(scale);
  const frac = String(b % s).padStart(String(s).length - 1, '0').replace(/0+$/, '');
  return (b / s).toString() + (frac ? '.' + frac : '');
};

/** The provider profile: reputation multiplier from the verdict history, and APR per staked token (GET /providers/{address}). */
function Profile({ account, tick }) {
  const [p, setP] = useState(null);
  useEffect(() => {
    api('/providers/' + account).then(setP).catch((e) => setP({ error: e.message }));
  }, [account, tick]);
  const name = useSymbols((p?.apr ?? []).map((a) => a.token));
  if (!p) return null;
  if (p.error) return html`<p class="error">${p.error}</p>`;
  return html`<div class="card" id="profile"><h3>Reputation and yield</h3>
    <p>Reputation multiplier <b id="multiplier">${bpsText(p.reputation.multiplierBps, 10000)}x</b>
      (${p.reputation.passes} passed, ${p.reputation.fails} failed samples; applies to the next epoch).</p>
    <table class="list"><thead><tr><th>token</th><th>staked</th><th>earned (last ${p.apr[0]?.epochs ?? 0} epochs)</th><th>APR</th></tr></thead>
      <tbody>${p.apr.map((a) => html`<tr><td title=${a.token}>${name(a.token)}</td><td>${units(a.staked)}</td><td>${units(a.earned)}</td>
        <td>${a.aprBps == null ? '-' : bpsText(a.aprBps, 100) + ' %'}</td></tr>`)}</tbody></table>
    <p class="status">APR: trailing, integer arithmetic (docs/settlement.md, "Provider profile").</p>
  </div>`;
}

/** Earnings per epoch (this epoch's amount per token), newest 50 epochs, with a bar chart. */
function Earnings({ account, tick }) {
  const [page, setPage] = useState(null);
  useEffect(() => {
    api(`/rewards/${account}/epochs?limit=50`).then(setPage).catch((e) => setPage({ error: e.message }));
  }, [account, tick]);
  const tokens = [...new Set((page?.epochs ?? []).flatMap((e) => e.rewards.map((x) => x.token)))];
  const name = useSymbols(tokens);
  const [token, setToken] = useState(null);
  if (!page) return null;
  if (page.error) return html`<p class="error">${page.error}</p>`;
  const t = token ?? tokens[0];
  const series = [...page.epochs].reverse().map((e) => ({ label: String(e.epoch),
    value: wei(e.rewards.find((x) => x.token === t)?.amount ?? 0) }));
  return html`<div class="card" id="earnings"><h3>Earnings per epoch</h3>
    ${tokens.length === 0 ? html`<p>No earnings yet.</p>` : html`
      <select value=${t} onChange=${(e) => setToken(e.target.value)}>${tokens.map((x) => html`<option value=${x}>${name(x)}</option>`)}</select>
      <${Chart} series=${series} format=${(v) => units(v)} />`}
  </div>`;
}

/** Registration and stake per role (OCTO plus the role token), the unbonding queue, and the forms that change them. */
function Stakes({ account, tick }) {
  const [rows, setRows] = useState(null);
  const [status, setStatus] = useState(null);
  const [form, setForm] = useState({ role: '0', octo: '', roleAmount: '' });
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    Promise.all(ROLES.map(async (_, role) => ({ role, stake: await read('StakingManager', StakingManager, 'providerStake', [account, role]),
      unbonding: await read('StakingManager', StakingManager, 'unbonding', [account, role]) })))
      .then(setRows).catch((e) => setRows({ error: e.message }));
  }, [account, tick, refresh]);
  const role = Number(form.role);
  async function run(label, fn) {
    try {
      await fn();
      setStatus(label + ' done');
      setRefresh((n) => n + 1);
    } catch (e) {
      setStatus('refused: ' + e.message);
    }
  }
  async function approve(token, amount) {
    const { account: me } = requireWallet();
    const allowance = await read(token, OctoToken, 'allowance', [me, address('StakingManager')]);
    if (allowance < amount) await send(token, OctoToken, 'approve', [address('StakingManager'), amount], setStatus);
  }
  const stake = () => run('stake', async () => {
    const octo = parseAmount(form.octo || '0');
    const roleAmount = parseAmount(form.roleAmount || '0');
    const roleToken = await read('StakingManager', StakingManager, 'roleToken', [role]);
    if (octo > 0n) await approve(address('OctoToken'), octo);
    if (roleAmount > 0n) await approve(roleToken, roleAmount);
    await send('StakingManager', StakingManager, 'stake', [role, octo, roleAmount], setStatus);
  });
  const field = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  if (!rows) return html`<p>loading stake…</p>`;
  if (rows.error) return html`<p class="error">${rows.error}</p>`;
  const now = BigInt(Math.floor(Date.now() / 1000));
  return html`<div class="card" id="stakes"><h3>Stake per role</h3>
    <table class="list"><thead><tr><th>role</th><th>registered</th><th>OCTO</th><th>role token</th><th>unbonding</th></tr></thead>
      <tbody>${rows.filter((r) => r.stake.registered).map((r) => html`<tr><td>${ROLES[r.role]}</td><td>yes</td>
        <td>${units(r.stake.octo)}</td><td>${units(r.stake.roleAmount)}</td>
        <td>${r.unbonding.octo + r.unbonding.roleAmount > 0n ? html`${units(r.unbonding.octo)} OCTO + ${units(r.unbonding.roleAmount)},
          ${BigInt(r.stake.unbondReadyAt) <= now ? 'ready' : 'ready at ' + when(r.stake.unbondReadyAt)}` : '-'}</td></tr>`)}</tbody></table>
    ${rows.every((r) => !r.stake.registered) && html`<p>Not registered for any role.</p>`}
    <form onSubmit=${(e) => e.preventDefault()}>
      <select value=${form.role} onChange=${field('role')}>${ROLES.map((r, i) => html`<option value=${i}>${r}</option>`)}</select>
      <input placeholder="OCTO" value=${form.octo} onInput=${field('octo')} />
      <input placeholder="role token" value=${form.roleAmount} onInput=${field('roleAmount')} />
      <button onClick=${() => run('register', () => send('StakingManager', StakingManager, 'registerProvider', [role], setStatus))}>Register</button>
      <button onClick=${stake}>Stake</button>
      <button onClick=${() => run('unbond', () => send('StakingManager', StakingManager, 'requestUnbond',
        [role, parseAmount(form.octo || '0'), parseAmount(form.roleAmount || '0')], setStatus))}>Request unbond</button>
      <button onClick=${() => run('withdraw', () => send('StakingManager', StakingManager, 'withdraw', [role], setStatus))}>Withdraw</button>
    </form>
    <${Status} text=${status} />
  </div>`;
}

/** Sampled jobs with the verdict settlement used, and slashes (queued by an on-chain fail attestation) with their evidence. */
function Verdicts({ account, tick }) {
  const [a, setA] = useState(null);
  useEffect(() => {
    api('/attestations?provider=' + account).then(setA).catch((e) => setA({ error: e.message }));
  }, [account, tick]);
  if (!a) return null;
  if (a.error) return html`<p class="error">${a.error}</p>`;
  const slashes = [...(a.slashesExecuted ?? []).map((s) => ({ ...s, outcome: 'executed' })),
    ...(a.slashesCancelled ?? []).map((s) => ({ ...s, outcome: 'cancelled' }))];
  return html`<div class="card" id="verdicts"><h3>Sampled jobs</h3>
    <table class="list"><thead><tr><th>epoch</th><th>job</th><th>verdict</th></tr></thead>
      <tbody>${a.settlementVerdicts.map((v) => html`<tr><td>${v.epoch}</td><td class="mono" title=${v.job_id}>${short(v.job_id)}</td>
        <td class=${'verdict ' + v.verdict}>${v.verdict}</td></tr>`)}</tbody></table>
    <h3>Slashes</h3>
    ${slashes.length === 0 ? html`<p>None.</p>` : html`<table class="list" id="slashes"><tbody>${slashes.map((s) => html`<tr>
      <td>${s.outcome}</td><td>block ${s.block_number}</td><td class="mono">${JSON.stringify(Object.fromEntries(Object.entries(s)
        .filter(([k]) => !['block_hash', 'log_index', 'tx_index', 'contract', 'outcome'].includes(k))))}</td></tr>`)}</tbody></table>`}
    ${(a.failAttestationsOnChain ?? []).length > 0 && html`<h4>Fail attestations on chain (evidence)</h4>
      <pre>${JSON.stringify(a.failAttestationsOnChain, null, 1)}</pre>`}
  </div>`;
}
