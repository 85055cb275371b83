import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, postJson } from './api.js';
import { isqrt, parseAmount, short, units, when, wei } from './format.js';
import { OctoGovernor } from './generated/abis.js';
import { address, read, requireWallet, revertReason, send } from './wallet.js';
import { useStore } from './store.js';
import { Chart, Status, useLiveRefresh } from './ui.js';

const STATES = ['', 'Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'];
const SUPPORT = { against: 0, for: 1, abstain: 2 };

/** Members: proposals with tallies and quorum, their voting power, voting (gasless or on chain) and proposing. */
export function MemberPage() {
  const [state, setState] = useState('');
  const [page, setPage] = useState(null);
  const [selected, setSelected] = useState(null);
  const [error, setError] = useState(null);
  const tick = useLiveRefresh(['vote', 'proposal']);
  useEffect(() => {
    api('/governance/proposals?size=50' + (state ? '&state=' + state : ''))
      .then((p) => { setPage(p); setError(null); })
      .catch((e) => setError(e.message));
  }, [state, tick]);
  return html`<section>
    <h2>Proposals</h2>
    <label>State <select id="state-filter" value=${state} onChange=${(e) => setState(e.target.value)}>
      ${STATES.map((s) => html`<option value=${s}>${s || 'all'}</option>`)}
    </select></label>
    ${error && html`<p class="error">${error}</p>`}
    <table class="list" id="proposals">
      <thead><tr><th>proposal</th><th>state</th><th>for √</th><th>against √</th><th>abstain √</th><th>quorum</th><th>deadline</th></tr></thead>
      <tbody>${(page?.proposals ?? []).map((p) => html`<tr class=${selected === p.proposalId ? 'selected' : ''}
          onClick=${() => setSelected(p.proposalId)} data-proposal=${p.proposalId}>
        <td title=${p.proposalId}>${(p.description ?? '').split('\n')[0] || short(p.proposalId)}</td>
        <td class="state">${p.state}</td><td>${p.votes?.for}</td><td>${p.votes?.against}</td><td>${p.votes?.abstain}</td>
        <td><${Quorum} p=${p} /></td><td>${when(p.deadline)}</td></tr>`)}</tbody>
    </table>
    ${page && page.proposals.length === 0 && html`<p>No proposals${state ? ' in state ' + state : ''}.</p>`}
    ${selected && html`<${Proposal} id=${selected} tick=${tick} />`}
    <${MyProfile} tick=${tick} />
    <${PowerPreview} />
    <${Propose} />
  </section>`;
}

/** Quorum progress: for + abstain (the votes the quorum counts) against the quorum, in square-root units. */
function Quorum({ p }) {
  const q = wei(p.quorum);
  const counted = wei(p.votes?.for) + wei(p.votes?.abstain);
  const pct = q === 0n ? 100n : (counted * 100n) / q;
  const shown = pct > 100n ? 100n : pct;
  return html`<span class="quorum" title=${counted + ' of ' + q}><span class="bar"><span style=${'width:' + shown + '%'}></span></span>
    ${pct}%</span>`;
}

function Proposal({ id, tick }) {
  const { account } = useStore();
  const [p, setP] = useState(null);
  const [votes, setVotes] = useState([]);
  const [power, setPower] = useState(null);
  useEffect(() => {
    api('/governance/proposals/' + id).then(setP).catch((e) => setP({ error: e.message }));
    api('/governance/proposals/' + id + '/votes').then((v) => setVotes(v.votes)).catch(() => setVotes([]));
  }, [id, tick]);
  useEffect(() => {
    if (account) api(`/governance/voting-power/${account}?proposalId=${id}`).then(setPower).catch((e) => setPower({ error: e.message }));
  }, [id, account, tick]);
  if (!p) return html`<p>loading…</p>`;
  if (p.error) return html`<p class="error">${p.error}</p>`;
  return html`<div class="card" id="proposal-detail">
    <h3>${(p.description ?? '').split('\n')[0] || 'Proposal'}</h3>
    <p class="mono">id ${p.proposalId}</p>
    <p>State <b id="proposal-state">${p.state}</b>, snapshot ${when(p.snapshot)}, deadline ${when(p.deadline)}${p.eta ? ', ETA ' + when(p.eta) : ''}.
      Proposer <span class="mono">${p.proposer}</span>.</p>
    <p>Tallies (square-root units): for <b>${p.votes.for}</b>, against <b>${p.votes.against}</b>, abstain <b>${p.votes.abstain}</b>;
      quorum ${p.quorum} <${Quorum} p=${p} /></p>
    <h4>Actions</h4>
    <ol class="actions">${(p.actions ?? []).map((a) => html`<li>${a.decoded
      ? html`<b>${a.decoded.contract}.${a.decoded.signature}</b> <span class="mono">${JSON.stringify(a.decoded.arguments)}</span>`
      : html`call <span class="mono">${a.calldata}</span>`}
      on <span class="mono">${a.target}</span>${wei(a.value) > 0n ? ', value ' + units(a.value) + ' ETH' : ''}</li>`)}</ol>
    ${power && html`<p id="my-power">${power.error ? power.error : html`Your voting power ${power.atSnapshot ? 'at the snapshot' : 'now'}:
      <b>${power.votingPower}</b> (member stake ${units(power.stake)} OCTO${power.member ? '' : ', not a member'}).`}</p>`}
    ${p.state === 'Active' && html`<${Vote} proposalId=${p.proposalId} />`}
    <h4>Votes (${votes.length})</h4>
    <table class="list"><tbody>${votes.map((v) => html`<tr><td class="mono">${short(v.voter)}</td>
      <td>${['against', 'for', 'abstain'][v.support]}</td><td>${v.weight}</td><td>${v.reason}</td></tr>`)}</tbody></table>
  </div>`;
}

/** Vote: signed with eth_signTypedData_v4 and relayed by the node (gasless), or sent by the wallet itself. */
function Vote({ proposalId }) {
  const [support, setSupport] = useState('for');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState(null);

  async function gasless() {
    try {
      const { wallet, account } = requireWallet();
      const [, name, version, chainId, verifyingContract] = await read('OctoGovernor', OctoGovernor, 'eip712Domain');
      const nonce = await read('OctoGovernor', OctoGovernor, 'nonces', [account]);
      const domain = { name, version, chainId: Number(chainId), verifyingContract };
      const message = { proposalId: BigInt(proposalId), support: SUPPORT[support], voter: account, nonce };
      const typed = reason
        ? { types: { ExtendedBallot: [{ name: 'proposalId', type: 'uint256' }, { name: 'support', type: 'uint8' },
            { name: 'voter', type: 'address' }, { name: 'nonce', type: 'uint256' }, { name: 'reason', type: 'string' },
            { name: 'params', type: 'bytes' }] }, primaryType: 'ExtendedBallot', message: { ...message, reason, params: '0x' } }
        : { types: { Ballot: [{ name: 'proposalId', type: 'uint256' }, { name: 'support', type: 'uint8' },
            { name: 'voter', type: 'address' }, { name: 'nonce', type: 'uint256' }] }, primaryType: 'Ballot', message };
      setStatus('waiting for the wallet to sign…');
      const signature = await wallet.signTypedData({ account, domain, ...typed });
      const accepted = await postJson('/governance/votes', { proposalId: String(proposalId), support: SUPPORT[support],
        voter: account, nonce: nonce.toString(), signature, ...(reason ? { reason } : {}), domain });
      follow(accepted.ballotId);
    } catch (e) {
      setStatus('refused: ' + (e.code ? e.code + ': ' : '') + revertReason(e));
    }
  }

  async function follow(ballotId) {
    for (;;) {
      const b = await api('/governance/votes/' + ballotId);
      setStatus(`ballot ${ballotId}: ${b.status}${b.txHash ? ' ' + b.txHash : ''}${b.failure ? ' (' + b.failure + ')' : ''}`);
      if (b.status === 'confirmed' || b.status === 'failed') return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  async function direct() {
    try {
      const hash = await send('OctoGovernor', OctoGovernor, 'castVoteWithReason', [BigInt(proposalId), SUPPORT[support], reason],
        setStatus);
      setStatus('confirmed: ' + hash);
    } catch (e) {
      setStatus('refused: ' + e.message);
    }
  }

  return html`<form class="card" id="vote-form" onSubmit=${(e) => e.preventDefault()}>
    <h4>Vote</h4>
    ${Object.keys(SUPPORT).map((s) => html`<label><input type="radio" name="support" value=${s} checked=${support === s}
      onChange=${() => setSupport(s)} /> ${s}</label>`)}
    <input id="vote-reason" placeholder="reason (optional)" value=${reason} onInput=${(e) => setReason(e.target.value)} />
    <button id="vote-gasless" onClick=${gasless}>Sign and relay (gasless)</button>
    <button id="vote-direct" onClick=${direct}>Send on chain</button>
    <${Status} id="vote-status" text=${status} />
  </form>`;
}

/** The connected member's voting power over time and the votes it cast (GET /governance/members/{address}). */
function MyProfile({ tick }) {
  const { account } = useStore();
  const [m, setM] = useState(null);
  useEffect(() => {
    if (account) api('/governance/members/' + account).then(setM).catch((e) => setM({ error: e.message }));
  }, [account, tick]);
  if (!account || !m) return null;
  if (m.error) return html`<p class="error">${m.error}</p>`;
  const series = [...m.history].reverse().map((h) => ({ label: String(h.block), value: BigInt(h.votingPower) }));
  return html`<div class="card" id="member-profile"><h4>Your voting power over time</h4>
    ${m.history.length === 0 ? html`<p>Not a member yet.</p>` : html`<${Chart} series=${series} format=${(v) => v.toString()} />`}
    <p>Now: ${m.now.votingPower} (stake ${units(m.now.stake)} OCTO). Votes cast: ${m.votes.length}.</p></div>`;
}

/** The voting power a stake would give: floor(sqrt(stake in wei)), as the governor counts it. */
function PowerPreview() {
  const [stake, setStake] = useState('100');
  let power = '';
  try {
    power = isqrt(parseAmount(stake)).toString();
  } catch {
    power = 'not an amount';
  }
  return html`<div class="card"><h4>Voting power preview</h4>
    <label>member stake (OCTO) <input id="preview-stake" value=${stake} onInput=${(e) => setStake(e.target.value)} /></label>
    gives <b id="preview-power">${power}</b> votes (floor of the square root of the stake in wei).</div>`;
}

/** Propose: one action (target, value, calldata) and a description, for members above the proposal threshold. */
function Propose() {
  const { account } = useStore();
  const [threshold, setThreshold] = useState(null);
  const [power, setPower] = useState(null);
  const [form, setForm] = useState({ target: '', value: '0', calldata: '0x', description: '' });
  const [status, setStatus] = useState(null);
  useEffect(() => {
    if (!account) return;
    read('OctoGovernor', OctoGovernor, 'proposalThreshold').then(setThreshold).catch(() => {});
    api('/governance/voting-power/' + account).then(setPower).catch(() => {});
  }, [account]);
  if (!account || threshold === null || !power) return null;
  if (!power.member || wei(power.votingPower) < threshold) {
    return html`<p id="propose-refused">Proposing needs membership and voting power of at least ${threshold.toString()}.</p>`;
  }
  const field = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  async function propose() {
    try {
      const hash = await send('OctoGovernor', OctoGovernor, 'propose',
        [[form.target], [wei(form.value)], [form.calldata], form.description], setStatus);
      setStatus('proposed: ' + hash);
    } catch (e) {
      setStatus('refused: ' + e.message);
    }
  }
  return html`<form class="card" onSubmit=${(e) => e.preventDefault()}><h4>New proposal</h4>
    <input id="propose-target" placeholder=${'target (e.g. RewardDistributor ' + (address('RewardDistributor') ?? '') + ')'} value=${form.target} onInput=${field('target')} />
    <input id="propose-value" placeholder="value (wei)" value=${form.value} onInput=${field('value')} />
    <input id="propose-calldata" placeholder="calldata (0x…)" value=${form.calldata} onInput=${field('calldata')} />
    <textarea id="propose-description" placeholder="description" value=${form.description} onInput=${field('description')} />
    <button id="propose-submit" onClick=${propose}>Propose</button><${Status} id="propose-status" text=${status} /></form>`;
}
