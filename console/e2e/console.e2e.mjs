// The console in a real browser (Debian's Chromium driven by playwright-core) against a running
// `octo start-dev --simulate -Docto.sim.self-claimers=3`, with a test EIP-1193 wallet injected into the page that signs
// with dev account #3. Run by node/src/test/java/io/cipherocto/node/e2e/ConsoleBrowserIT.java; by hand:
//   OCTO_URL=http://localhost:8080 OCTO_RPC_URL=<anvil URL from .octo-dev/endpoints.json> node console/e2e/console.e2e.mjs
// Checks, each against the chain: a member proposes and votes (gasless) and the vote is on chain; a provider claims
// and its balance rises by exactly the claimable amount; an auditor verifies an epoch and its bundle; a live event
// appears on an open page without a reload. Screenshots of each page go to $OCTO_SCREENSHOTS when set.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createPublicClient, createWalletClient, defineChain, encodeFunctionData, http, keccak256, parseEther, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import * as abis from '../src/generated/abis.js';

const BASE = process.env.OCTO_URL ?? 'http://localhost:8080';
const RPC = process.env.OCTO_RPC_URL;
const SHOTS = process.env.OCTO_SCREENSHOTS;
const CHROMIUM = process.env.OCTO_CHROMIUM ?? '/usr/bin/chromium';
// anvil's public test keys (printed by start-dev): #0 holds the initial OCTO; #3 is a simulated provider that claims itself
const DEPLOYER = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const USER = privateKeyToAccount('0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6');
if (!RPC) throw new Error('OCTO_RPC_URL (the anvil URL) is required');

const log = (...a) => console.log('[console-e2e]', ...a);
const network = await (await fetch(BASE + '/api/v1/network')).json();
const chain = defineChain({ id: network.chainId, name: 'dev', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [RPC] } } });
const pub = createPublicClient({ chain, transport: http(RPC) });
const walletOf = (account) => createWalletClient({ account, chain, transport: http(RPC) });
const at = (name) => network.contracts[name];

async function rpc(method, params) {
  const r = await fetch(RPC, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const j = await r.json();
  if (j.error) throw Object.assign(new Error(j.error.message), { code: j.error.code, data: j.error.data });
  return j.result;
}

/** The injected wallet's requests, answered here with dev key #3 (what MetaMask would do after asking its user). */
async function walletRequest(method, params) {
  switch (method) {
    case 'eth_requestAccounts':
    case 'eth_accounts':
      return [USER.address];
    case 'eth_signTypedData_v4': {
      const typed = JSON.parse(params[1]);
      delete typed.types.EIP712Domain;
      for (const f of typed.types[typed.primaryType]) {
        if (/^u?int/.test(f.type)) typed.message[f.name] = BigInt(typed.message[f.name]);
      }
      return USER.signTypedData(typed);
    }
    case 'eth_sendTransaction': {
      const tx = params[0];
      return walletOf(USER).sendTransaction({ to: tx.to, data: tx.data, value: tx.value ? BigInt(tx.value) : 0n });
    }
    default:
      return rpc(method, params);
  }
}

async function send(account, address, abi, functionName, args) {
  const hash = await walletOf(account).writeContract({ address, abi, functionName, args });
  const receipt = await pub.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(functionName + ' reverted');
  return hash;
}

async function until(what, fn, seconds, onWait = async () => {}) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await onWait();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const failures = [];
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.exposeFunction('__octoWallet', async (method, params) => {
    try {
      return { result: await walletRequest(method, params) };
    } catch (e) {
      return { error: { code: e.code ?? -32603, message: e.shortMessage ?? e.message, data: e.data } };
    }
  });
  await context.addInitScript(() => {
    window.ethereum = {
      isOctoTestWallet: true,
      async request({ method, params }) {
        const r = await window.__octoWallet(method, params ?? []);
        if (r.error) throw Object.assign(new Error(r.error.message), r.error);
        return r.result;
      },
      on() {},
      removeListener() {},
    };
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push('page error: ' + e.message));
  const shot = async (name) => SHOTS && page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });

  await page.goto(BASE + '/#/member');
  await page.click('#connect');
  await page.waitForSelector('#wallet');
  log('wallet connected as', USER.address);

  // ---- member: registers (setup, on chain), proposes and votes in the console; the vote is on chain
  const isMember = await pub.readContract({ address: at('StakingManager'), abi: abis.StakingManager, functionName: 'isMember',
    args: [USER.address] });
  if (!isMember) {
    const bond = parseEther('1000');
    await send(DEPLOYER, at('OctoToken'), abis.OctoToken, 'transfer', [USER.address, bond]);
    await send(USER, at('OctoToken'), abis.OctoToken, 'approve', [at('StakingManager'), bond]);
    await send(USER, at('StakingManager'), abis.StakingManager, 'registerMember', [bond]);
    log('member #3 registered with 1000 OCTO');
  }
  const delay = await pub.readContract({ address: at('RewardDistributor'), abi: abis.RewardDistributor, functionName: 'activationDelay' });
  const calldata = encodeFunctionData({ abi: abis.RewardDistributor, functionName: 'setActivationDelay', args: [delay] });
  const description = 'console e2e ' + Date.now() + ': confirm the activation delay';
  await page.reload();
  await page.click('#connect');
  await page.waitForSelector('#propose-submit', { timeout: 30000 });
  await page.fill('#propose-target', at('RewardDistributor'));
  await page.fill('#propose-calldata', calldata);
  await page.fill('#propose-description', description);
  await page.click('#propose-submit');
  await page.waitForSelector('#propose-status:has-text("proposed:")', { timeout: 60000 });
  const proposalId = await pub.readContract({ address: at('OctoGovernor'), abi: abis.OctoGovernor, functionName: 'hashProposal',
    args: [[at('RewardDistributor')], [0n], [calldata], keccak256(toBytes(description))] });
  log('proposed in the console:', proposalId.toString());
  await until('the proposal to be active', async () => (await pub.readContract({ address: at('OctoGovernor'),
    abi: abis.OctoGovernor, functionName: 'state', args: [proposalId] })) === 1, 120);
  await page.selectOption('#state-filter', 'Active');
  const row = `tr[data-proposal="${proposalId}"]`;
  await until('the proposal in the list', async () => (await page.locator(row).count()) > 0, 60, async () => {
    await page.selectOption('#state-filter', '');
    await page.selectOption('#state-filter', 'Active');
  });
  await page.click(row);
  await page.waitForSelector('#vote-form');
  await page.fill('#vote-reason', 'checked in the console');
  await page.click('#vote-gasless');
  await page.waitForSelector('#vote-status:has-text("confirmed")', { timeout: 90000 });
  const voted = await pub.readContract({ address: at('OctoGovernor'), abi: abis.OctoGovernor, functionName: 'hasVoted',
    args: [proposalId, USER.address] });
  if (!voted) failures.push('member: the console said confirmed but hasVoted is false');
  log('member voted (gasless, relayed):', await page.textContent('#vote-status'));
  await page.waitForSelector('#member-profile svg.chart rect', { timeout: 30000 })
    .catch(() => failures.push('member: no voting power history'));
  await shot('member');

  // ---- provider: claims everything claimable in one transaction; balances rise by exactly the claimable amounts
  await page.goto(BASE + '/#/provider');
  await until('something claimable for provider #3', async () => (await page.locator('#claim-all:not([disabled])').count()) > 0,
    240, async () => {
      await page.reload();
      await page.click('#connect');
      await page.waitForSelector('#claim', { timeout: 30000 }).catch(() => {});
    });
  const rows = await page.$$eval('#claim tbody tr', (trs) => trs.map((tr) => ({ token: tr.dataset.token,
    claimable: tr.querySelector('.claimable').dataset.wei })));
  const balance = (token) => pub.readContract({ address: token, abi: abis.OctoToken, functionName: 'balanceOf', args: [USER.address] });
  const before = await Promise.all(rows.map((r) => balance(r.token)));
  await page.click('#claim-all');
  await page.waitForSelector('#claim-status:has-text("claimed:")', { timeout: 90000 });
  const after = await Promise.all(rows.map((r) => balance(r.token)));
  rows.forEach((r, i) => {
    if (after[i] - before[i] !== BigInt(r.claimable)) {
      failures.push(`provider: ${r.token} rose by ${after[i] - before[i]}, the console said ${r.claimable} was claimable`);
    }
  });
  if (!rows.some((r) => BigInt(r.claimable) > 0n)) failures.push('provider: nothing was claimable');
  await page.waitForSelector('#earnings svg.chart rect', { timeout: 30000 })
    .catch(() => failures.push('provider: no earnings chart'));
  await page.waitForSelector('#multiplier', { timeout: 30000 }).catch(() => failures.push('provider: no profile'));
  for (const e of await page.locator('.error').allTextContents()) failures.push('provider page shows an error: ' + e);
  log('provider claimed:', rows.map((r) => r.token + ' +' + r.claimable).join(', '), await page.textContent('#claim-status'));
  await shot('provider');

  // ---- auditor: verifies a published epoch (server recomputation) and its bundle against the chain (in the browser)
  await page.goto(BASE + '/#/auditor');
  const published = page.locator('#epochs tbody tr', { hasText: 'published' }).first();
  await published.waitFor({ timeout: 60000 });
  const epoch = await published.getAttribute('data-epoch');
  await published.click();
  await page.click('#verify');
  await page.waitForSelector('#verify-result b', { timeout: 120000 });
  const verdict = await page.textContent('#verify-result');
  if (!verdict.startsWith('match')) failures.push('auditor: epoch ' + epoch + ' did not verify: ' + verdict);
  await page.click('#check-bundle');
  // the final answer, not the interim "downloading the bundle…" (which also says "bundle")
  await page.waitForFunction(() => /^(bundle matches|DIFFERENT|cannot check)/
    .test((document.querySelector('#bundle-status')?.textContent ?? '').trim()), null, { timeout: 60000 });
  const bundle = await page.textContent('#bundle-status');
  if (!bundle.startsWith('bundle matches the chain')) failures.push('auditor: ' + bundle);
  log('auditor: epoch', epoch, verdict.trim(), '|', bundle);
  await shot('auditor');

  // ---- live: a new event appears on the open page without a reload
  await page.evaluate(() => { window.__notReloaded = true; });
  const newest = () => page.evaluate(() => document.querySelector('#live li')?.dataset.id ?? '');
  const seen = await newest();
  await until('a live event', async () => (await newest()) !== seen, 120);
  const still = await page.evaluate(() => window.__notReloaded === true);
  if (!still) failures.push('live: the page was reloaded');
  log('live event without a reload:', await page.locator('#live li').first().textContent());
  await shot('live');

  // ---- GraphiQL: /graphql/ui leads to the bundled GraphiQL, whose default query answers with the epochs
  await page.goto(BASE + '/graphql/ui');
  if (!page.url().endsWith('/graphiql.html')) failures.push('graphiql: /graphql/ui went to ' + page.url());
  // the editors load their CodeMirror modules lazily: run the query once the editor holds it, and again until the
  // result pane shows an answer (a click before the editor is ready sends nothing)
  await page.waitForSelector('.graphiql-query-editor .CodeMirror-code:has-text("epochs")', { timeout: 60000 });
  let answer = '';
  for (let attempt = 0; attempt < 6 && !answer.includes('"epochs"'); attempt++) {
    await page.click('.graphiql-execute-button', { timeout: 10000 });
    await page.waitForSelector('.result-window:has-text("epochs")', { timeout: 10000 }).catch(() => {});
    answer = (await page.textContent('.result-window')) ?? '';
  }
  if (!answer.includes('"epochs"') || !answer.includes('"items"') || answer.includes('"errors"')) {
    failures.push('graphiql: unexpected answer ' + JSON.stringify(answer.slice(0, 400)));
  }
  log('graphiql: the default query answered', answer.replace(/\s+/g, ' ').slice(0, 120));
  await shot('graphiql');
} catch (e) {
  failures.push(e.stack ?? String(e));
} finally {
  await browser.close();
}
if (failures.length > 0) {
  console.error('[console-e2e] FAILED:\n' + failures.join('\n'));
  process.exit(1);
}
log('all checks passed');
