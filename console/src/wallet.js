import { BaseError, ContractFunctionRevertedError, createPublicClient, createWalletClient, custom, defineChain } from 'viem';
import { api } from './api.js';
import { get, set } from './store.js';

// The wallet is whatever EIP-1193 provider the browser injects (MetaMask or any other): the console never holds a
// key. Reads of the chain also go through it, so the console needs no RPC URL of its own.
let clients = null;

export async function loadNetwork() {
  const network = await api('/network');
  set({ network });
  return network;
}

function chain(network) {
  return defineChain({
    id: network.chainId,
    name: 'CipherOcto (' + network.chainId + ')',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
}

export function hasWallet() {
  return typeof window !== 'undefined' && !!window.ethereum;
}

export async function connect() {
  if (!hasWallet()) {
    set({ walletError: 'No wallet found: install MetaMask or another EIP-1193 wallet.' });
    return;
  }
  const network = get().network ?? (await loadNetwork());
  const transport = custom(window.ethereum);
  clients = {
    wallet: createWalletClient({ chain: chain(network), transport }),
    public: createPublicClient({ chain: chain(network), transport }),
  };
  try {
    const [account] = await window.ethereum.request({ method: 'eth_requestAccounts' });
    const chainId = Number(await window.ethereum.request({ method: 'eth_chainId' }));
    set({ account: account.toLowerCase(), chainId, walletError: null });
    window.ethereum.on?.('accountsChanged', (a) => set({ account: a[0]?.toLowerCase() ?? null }));
    window.ethereum.on?.('chainChanged', (c) => set({ chainId: Number(c) }));
  } catch (e) {
    set({ walletError: e.message ?? String(e) });
  }
}

export function requireWallet() {
  const s = get();
  if (!clients || !s.account) throw new Error('Connect a wallet first.');
  if (s.network && s.chainId !== s.network.chainId) {
    throw new Error(`The wallet is on chain ${s.chainId}; this node settles on chain ${s.network.chainId}.`);
  }
  return { ...clients, account: s.account, network: s.network };
}

export function publicClient() {
  if (!clients) throw new Error('Connect a wallet first.');
  return clients.public;
}

export const address = (name) => get().network.contracts[name];

/** A contract read through the wallet's provider. */
export function read(contract, abi, functionName, args = []) {
  return publicClient().readContract({ address: address(contract) ?? contract, abi, functionName, args });
}

/**
 * Sends one contract call: simulated first (eth_call), so a call that would revert is refused before the wallet is
 * asked, with the contract's own custom error named; then sent and waited for. Returns the transaction hash.
 */
export async function send(contract, abi, functionName, args, onStatus = () => {}) {
  const { wallet, public: pub, account } = requireWallet();
  const target = address(contract) ?? contract;
  try {
    const { request } = await pub.simulateContract({ account, address: target, abi, functionName, args });
    onStatus(`sending ${functionName}…`);
    const hash = await wallet.writeContract(request);
    onStatus(`${functionName}: ${hash}, waiting for the block…`);
    const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 500 });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted in block ${receipt.blockNumber} (${hash})`);
    return hash;
  } catch (e) {
    throw new Error(revertReason(e));
  }
}

/** The custom error (name and arguments) of a failed call, else viem's short message. */
export function revertReason(e) {
  if (e instanceof BaseError) {
    const revert = e.walk((x) => x instanceof ContractFunctionRevertedError);
    if (revert?.data?.errorName) {
      const args = (revert.data.args ?? []).map((a) => a.toString()).join(', ');
      return `would revert: ${revert.data.errorName}(${args})`;
    }
    return e.shortMessage ?? e.message;
  }
  return e?.message ?? String(e);
}
