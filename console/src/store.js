import { useEffect, useState } from 'preact/hooks';

// One small observable store for what every page shares: the network, the wallet, the live events.
const state = { network: null, account: null, chainId: null, walletError: null, live: [], liveStatus: 'connecting' };
const listeners = new Set();

export const get = () => state;

export function set(patch) {
  Object.assign(state, patch);
  listeners.forEach((l) => l({ ...state }));
}

export function useStore() {
  const [s, setS] = useState({ ...state });
  useEffect(() => {
    listeners.add(setS);
    return () => listeners.delete(setS);
  }, []);
  return s;
}
