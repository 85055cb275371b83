#!/usr/bin/env node
// Compiles contracts/src with the pinned solcjs (standard JSON, in-process) for the Java build.
// Writes target/solidity/<Contract>.abi and .bin for every deployable contract of the suite, which the web3j
// wrapper generator turns into Java. Settings are the same as foundry.toml's default profile, so the
// bytecode the Java deployer ships is the bytecode forge tested and measured.
// Skips work when the sources and settings have not changed since the last run (hash in target/solidity/.inputs).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const solc = require(path.join(root, 'node_modules', 'solc'));
const outDir = path.join(root, 'target', 'solidity');

// Contracts that get Java wrappers (the OpenZeppelin TimelockController is deployed as is).
const DEPLOYABLE = [
  'OctoToken', 'RoleToken', 'StakingManager', 'AttestationRegistry', 'PaymentEscrow',
  'RewardDistributor', 'Treasury', 'OctoGovernor', 'TimelockController',
];
const EXTRA_SOURCES = ['node_modules/@openzeppelin/contracts/governance/TimelockController.sol'];

export const SETTINGS = {
  optimizer: { enabled: true, runs: 10000 },
  viaIR: true,
  evmVersion: 'prague',
  metadata: { bytecodeHash: 'none' },
  remappings: ['@openzeppelin/contracts/=node_modules/@openzeppelin/contracts/'],
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.sol') ? [p] : [];
  });
}

function resolveImport(p) {
  const mapped = p.startsWith('@openzeppelin/contracts/') ? path.join('node_modules', p) : p;
  for (const base of [root, path.join(root, 'node_modules')]) {
    const f = path.resolve(base, mapped);
    if (fs.existsSync(f)) return { contents: fs.readFileSync(f, 'utf8') };
  }
  return { error: 'File not found: ' + p };
}

const sources = {};
for (const f of walk(path.join(root, 'src'))) sources[path.relative(root, f)] = { content: fs.readFileSync(f, 'utf8') };
for (const s of EXTRA_SOURCES) sources[s] = { content: fs.readFileSync(path.join(root, s), 'utf8') };

const inputHash = crypto.createHash('sha256')
  .update(solc.version()).update(JSON.stringify(SETTINGS)).update(JSON.stringify(sources)).digest('hex');
const stamp = path.join(outDir, '.inputs');
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === inputHash) {
  console.log('[contracts] solidity unchanged, skipping compile');
  process.exit(0);
}

console.log(`[contracts] compiling ${Object.keys(sources).length} files with solcjs ${solc.version()} (via-IR, optimizer runs ${SETTINGS.optimizer.runs})`);
const started = Date.now();
const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS }), { import: resolveImport }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) if (e.severity === 'error') console.error(e.formattedMessage);
if (errors.length) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
const found = {};
for (const [file, contracts] of Object.entries(output.contracts || {})) {
  for (const [name, c] of Object.entries(contracts)) {
    if (!DEPLOYABLE.includes(name)) continue;
    if (found[name]) throw new Error(`contract name ${name} defined twice (${found[name]}, ${file})`);
    found[name] = file;
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), c.evm.bytecode.object);
    const size = c.evm.bytecode.object.length / 2;
    console.log(`[contracts]   ${name.padEnd(20)} initcode ${size} bytes`);
  }
}
const missing = DEPLOYABLE.filter((n) => !found[n]);
if (missing.length) {
  console.error('[contracts] missing contracts: ' + missing.join(', '));
  process.exit(1);
}
fs.writeFileSync(stamp, inputHash);
console.log(`[contracts] compiled in ${((Date.now() - started) / 1000).toFixed(1)}s`);
