// The worked example of docs/settlement.md "Batch-signed receipts": two receipts in one envelope, signed with ethers
// (signTypedData) by anvil's well-known dev accounts 1 (provider) and 2 (requester). Run from the repository root:
//   node settlement/tools/envelope-example.mjs
// It uses contracts/node_modules (ethers 6, @openzeppelin/merkle-tree), installed by `npm ci` in contracts/.
// ReceiptEnvelopeTest (Java) checks that the server computes the same struct hashes, root and digest, and recovers
// these signatures to these accounts.
import { createRequire } from "node:module";
const require = createRequire(new URL("../../contracts/package.json", import.meta.url));
const { Wallet, TypedDataEncoder } = require("ethers");
const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");

const provider = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const requester = new Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
const domain = {
  name: "CipherOcto Settlement",
  version: "1",
  chainId: 31337,
  verifyingContract: "0x5fbdb2315678afecb367f032d93f642f64180aa3", // the RewardDistributor of the deployment
};
const jobReceipt = {
  JobReceipt: [
    { name: "jobId", type: "bytes32" }, { name: "epoch", type: "uint64" },
    { name: "requester", type: "address" }, { name: "provider", type: "address" },
    { name: "role", type: "uint8" }, { name: "kernel", type: "bytes32" },
    { name: "specHash", type: "bytes32" }, { name: "outputHash", type: "bytes32" },
    { name: "workUnits", type: "uint256" }, { name: "fee", type: "uint256" },
  ],
};
const envelopeType = {
  ReceiptEnvelope: [
    { name: "epoch", type: "uint64" }, { name: "requester", type: "address" },
    { name: "provider", type: "address" }, { name: "receiptsRoot", type: "bytes32" },
    { name: "count", type: "uint32" },
  ],
};
const word = (n) => "0x" + n.toString(16).padStart(64, "0");
const epoch = 7;
const receipts = [1, 2].map((i) => ({
  jobId: word(0xa0 + i), role: 0, kernel: word(0x11), specHash: word(0x22), outputHash: word(0x30 + i),
  workUnits: String(1000 * i), fee: String(10n ** 18n * BigInt(i)),
}));
const full = (r) => ({ ...r, epoch, requester: requester.address.toLowerCase(), provider: provider.address.toLowerCase() });
const structHashes = receipts.map((r) => TypedDataEncoder.hashStruct("JobReceipt", jobReceipt, full(r)));
const tree = StandardMerkleTree.of(structHashes.map((h) => [h]), ["bytes32"]);
const envelope = {
  epoch, requester: requester.address.toLowerCase(), provider: provider.address.toLowerCase(),
  receiptsRoot: tree.root, count: receipts.length,
};
const digest = TypedDataEncoder.hash(domain, envelopeType, envelope);
const body = {
  envelopes: [{
    ...envelope,
    providerSignature: await provider.signTypedData(domain, envelopeType, envelope),
    requesterSignature: await requester.signTypedData(domain, envelopeType, envelope),
    receipts,
  }],
};
console.log(JSON.stringify({ structHashes, digest, proofOfReceipt0: tree.getProof([structHashes[0]]) }, null, 2));
console.log(JSON.stringify(body, null, 2));
