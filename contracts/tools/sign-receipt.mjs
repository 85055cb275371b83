// A job receipt and a requester's voucher signed with ethers (eth_signTypedData_v4), each under the EIP-712 domain
// read from its verifying contract through ERC-5267 eip712Domain(), then posted to the node.
//
//   cd contracts && npm ci && node tools/sign-receipt.mjs [manifest] [api]
//
// Defaults: ../.octo-dev/deployment.json and http://localhost:8080 (a running ./octo start-dev), with anvil's public
// dev keys #1 (provider) and #2 (requester): never use them elsewhere. Reference: docs/settlement.md, section 1.
import { readFileSync } from "node:fs";
import { ethers } from "ethers";

const manifestPath = process.argv[2] ?? new URL("../../.octo-dev/deployment.json", import.meta.url).pathname;
const api = process.argv[3] ?? "http://localhost:8080";
const endpoints = JSON.parse(readFileSync(new URL("../../.octo-dev/endpoints.json", import.meta.url), "utf8"));
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const rpc = process.env.OCTO_RPC_URL ?? endpoints.rpcUrl;

const chain = new ethers.JsonRpcProvider(rpc);
const provider = new ethers.Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", chain);
const requester = new ethers.Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a", chain);

const ERC5267 = ["function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, "
  + "address verifyingContract, bytes32 salt, uint256[] extensions)"];

/** The EIP-712 domain a contract declares (ERC-5267), as ethers takes it. */
async function domainOf(address) {
  const d = await new ethers.Contract(address, ERC5267, chain).eip712Domain();
  return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
}

const contracts = manifest.contracts;
const receiptDomain = await domainOf(contracts.RewardDistributor); // ("CipherOcto Settlement", "1", chainId, distributor)
const voucherDomain = await domainOf(contracts.PaymentEscrow);     // ("CipherOcto PaymentEscrow", "1", chainId, escrow)

const JobReceipt = [
  { name: "jobId", type: "bytes32" }, { name: "epoch", type: "uint64" }, { name: "requester", type: "address" },
  { name: "provider", type: "address" }, { name: "role", type: "uint8" }, { name: "kernel", type: "bytes32" },
  { name: "specHash", type: "bytes32" }, { name: "outputHash", type: "bytes32" }, { name: "workUnits", type: "uint256" },
  { name: "fee", type: "uint256" },
];
const Voucher = [{ name: "requester", type: "address" }, { name: "epoch", type: "uint64" }, { name: "maxAmount", type: "uint256" }];

const head = await chain.getBlockNumber();
const epoch = Math.floor((head - manifest.epochGenesisBlock) / manifest.epochLength);
const receipt = {
  jobId: ethers.id(`example job ${Date.now()}`), epoch, requester: requester.address, provider: provider.address, role: 0,
  kernel: ethers.ZeroHash.replace(/0$/, "1"), specHash: ethers.id("example spec"), outputHash: ethers.id("example output"),
  workUnits: 1000n, fee: 10n ** 18n,
};
const voucher = { requester: requester.address, epoch, maxAmount: receipt.fee };

const body = {
  receipts: [{
    ...receipt, workUnits: receipt.workUnits.toString(), fee: receipt.fee.toString(),
    providerSignature: await provider.signTypedData(receiptDomain, { JobReceipt }, receipt),
    requesterSignature: await requester.signTypedData(receiptDomain, { JobReceipt }, receipt),
  }],
  vouchers: [{
    ...voucher, maxAmount: voucher.maxAmount.toString(),
    signature: await requester.signTypedData(voucherDomain, { Voucher }, voucher),
  }],
};
console.log("receipt domain", receiptDomain, "\nvoucher domain", voucherDomain);
const answer = await fetch(`${api}/api/v1/receipts`, {
  method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
});
console.log(answer.status, JSON.stringify(await answer.json()));
