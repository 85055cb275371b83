import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AuditorPage } from './auditor.js';
import { short } from './format.js';
import { subscribe } from './live.js';
import { MemberPage } from './member.js';
import { ProviderPage } from './provider.js';
import { useStore } from './store.js';
import { connect, hasWallet, loadNetwork } from './wallet.js';
import './style.css';

const PAGES = { member: ['Member', MemberPage], provider: ['Provider', ProviderPage], auditor: ['Auditor', AuditorPage] };

function useRoute() {
  const parse = () => (location.hash.replace(/^#\/?/, '') || 'member').split('/')[0];
  const [route, setRoute] = useState(parse());
  useEffect(() => {
    const on = () => setRoute(parse());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return PAGES[route] ? route : 'member';
}

function Wallet() {
  const { account, chainId, network, walletError } = useStore();
  if (account) {
    const wrong = network && chainId !== network.chainId;
    return html`<span class="wallet" id="wallet">${short(account)} <small class=${wrong ? 'error' : ''}>chain ${chainId}${wrong ? ' (wrong chain)' : ''}</small></span>`;
  }
  return html`<span class="wallet"><button id="connect" onClick=${connect} disabled=${!hasWallet()}>
    ${hasWallet() ? 'Connect wallet' : 'No wallet'}</button>${walletError && html` <small class="error">${walletError}</small>`}</span>`;
}

function Live() {
  const { live, liveStatus } = useStore();
  return html`<aside id="live"><h3>Live <small id="live-status">${liveStatus}</small></h3>
    <ul>${live.slice(0, 15).map((e) => html`<li class=${'live-' + e.type} data-type=${e.type} data-id=${e.id}><b>${e.type}</b> ${describe(e)}</li>`)}</ul></aside>`;
}

function describe(e) {
  const d = e.data ?? {};
  if (e.type === 'epoch') return `epoch ${d.epoch} ${d.status}`;
  if (d.event) return `${d.event}${d.epoch != null ? ' epoch ' + d.epoch : ''}${d.block_number ? ' (block ' + d.block_number + ')' : ''}`;
  return '';
}

function App() {
  const route = useRoute();
  const { network } = useStore();
  const [, Page] = PAGES[route];
  return html`<header><h1>CipherOcto</h1>
      <nav>${Object.entries(PAGES).map(([k, [label]]) => html`<a href=${'#/' + k} class=${k === route ? 'active' : ''} id=${'nav-' + k}>${label}</a>`)}</nav>
      <${Wallet} /></header>
    <main><${Page} /></main>
    <${Live} />
    <footer>${network ? `chain ${network.chainId}, ${Object.keys(network.contracts).length} contracts` : ''} ·
      <a href="/q/swagger-ui">API</a> · <a href="/api/v1/network">network</a></footer>`;
}

loadNetwork().catch(() => {});
subscribe();
render(html`<${App} />`, document.getElementById('app'));
