package io.cipherocto.settlement.chain;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.PaymentEscrow;
import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.contracts.protocol.ProviderStakes;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.receipt.SettlementDomain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Read access to the suite for settlement: epoch boundaries, stake, escrow and reward-distributor views. Values the
 * receipt path reads many times per batch ({@code isActiveProvider}, available escrow balances, the first unreserved
 * epoch) are cached
 * per head block: a batch sees one consistent block, and the cache is dropped when the head moves.
 */
public class SettlementChain {
    private final Web3j web3j;
    private final DeploymentManifest manifest;
    private final Eip712Domain domain;
    private final RewardDistributor rewards;
    private final AttestationRegistry attestations;
    private final StakingManager staking;
    private final PaymentEscrow escrow;
    private final Eip712Domain registryDomain;
    private final ProviderStakes stakes;
    private volatile long cachedBlock = -1;
    private volatile Map<String, Object> cache = new ConcurrentHashMap<>();

    public SettlementChain(Web3j web3j, DeploymentManifest manifest) {
        this.web3j = Objects.requireNonNull(web3j, "web3j");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.domain = SettlementDomain.of(manifest.chainId(), manifest.address(DeploymentManifest.REWARDS));
        var ro = new ReadonlyTransactionManager(web3j, manifest.address(DeploymentManifest.REWARDS));
        var gas = new DefaultGasProvider();
        this.rewards = RewardDistributor.load(manifest.address(DeploymentManifest.REWARDS), web3j, ro, gas);
        this.attestations = AttestationRegistry.load(manifest.address(DeploymentManifest.ATTESTATIONS), web3j, ro, gas);
        this.staking = StakingManager.load(manifest.address(DeploymentManifest.STAKING), web3j, ro, gas);
        this.escrow = PaymentEscrow.load(manifest.address(DeploymentManifest.ESCROW), web3j, ro, gas);
        this.registryDomain = io.cipherocto.contracts.protocol.Attestation.domain(manifest.chainId(),
                manifest.address(DeploymentManifest.ATTESTATIONS));
        this.stakes = new ProviderStakes(web3j, manifest.address(DeploymentManifest.STAKING));
    }

    public Web3j web3j() {
        return web3j;
    }

    public DeploymentManifest manifest() {
        return manifest;
    }

    /** keccak256(0x1901 || domainSeparator || structHash) under the receipts' domain. */
    public byte[] digest(byte[] structHash) {
        return domain.digest(structHash);
    }

    /** The receipt domain of this deployment. */
    public Eip712Domain domain() {
        return domain;
    }

    public long chainId() {
        return manifest.chainId();
    }

    public String rewardsAddress() {
        return manifest.address(DeploymentManifest.REWARDS);
    }

    public String octoAddress() {
        return manifest.address(DeploymentManifest.OCTO).toLowerCase();
    }

    public String treasuryAddress() {
        return manifest.address(DeploymentManifest.TREASURY).toLowerCase();
    }

    public String roleToken(int role) {
        return manifest.roleToken(role).toLowerCase();
    }

    /** First block of {@code epoch}. */
    public long epochStartBlock(long epoch) {
        return manifest.epochGenesisBlock() + epoch * manifest.epochLength();
    }

    /** Last block of {@code epoch} (its seed is this block's hash). */
    public long closingBlock(long epoch) {
        return manifest.epochGenesisBlock() + (epoch + 1) * manifest.epochLength() - 1;
    }

    public long headBlock() {
        try {
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            if (head != cachedBlock) {
                cache = new ConcurrentHashMap<>();
                cachedBlock = head;
            }
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the JSON-RPC endpoint", e);
        }
    }

    /** {@code StakingManager.isActiveProvider}, cached for the current head block. */
    public boolean isActiveProvider(String provider, int role) {
        return (Boolean) cache.computeIfAbsent("active:" + provider + ":" + role,
                k -> call(() -> staking.isActiveProvider(provider, BigInteger.valueOf(role)).send()));
    }

    /**
     * {@code PaymentEscrow.availableBalance} (the balance minus a live pending withdrawal: receipts are accepted only
     * against it), cached for the current head block.
     */
    public BigInteger escrowBalance(String requester) {
        return (BigInteger) cache.computeIfAbsent("escrow:" + requester,
                k -> call(() -> escrow.availableBalance(requester).send()));
    }

    /**
     * The first epoch whose fees the escrow has not reserved yet: receipts of this epoch and later count as owed on top
     * of the available balance (reserved fees have already left it). Cached for the current head block.
     */
    public long owedFromEpoch() {
        return (Long) cache.computeIfAbsent("owedFrom", k -> {
            long next = rewardsNextEpoch();
            return epochCommitment(next).committed() ? next + 1 : next;
        });
    }

    private long rewardsNextEpoch() {
        return call(() -> rewards.nextEpoch().send()).longValueExact();
    }

    /** What the registry holds for {@code epoch}'s receipt commitment (decoded from a plain eth_call). */
    public EpochCommitment epochCommitment(long epoch) {
        String data = FunctionEncoder.encode(new Function("epochCommitment",
                List.of(new org.web3j.abi.datatypes.generated.Uint64(BigInteger.valueOf(epoch))), List.of()));
        String out = call(() -> web3j.ethCall(Transaction.createEthCallTransaction(null,
                manifest.address(DeploymentManifest.ATTESTATIONS), data), DefaultBlockParameterName.LATEST).send()).getValue();
        String hex = Numeric.cleanHexPrefix(out);
        if (hex.length() < 256) {
            throw new IllegalStateException("epochCommitment() returned " + out);
        }
        return new EpochCommitment("0x" + hex.substring(0, 64), "0x" + hex.substring(64, 128),
                new BigInteger(hex.substring(128, 192), 16).longValueExact(), new BigInteger(hex.substring(192, 256), 16).longValueExact());
    }

    /** The registry's receipt commitment of an epoch; {@code committedBlock} 0 = not committed. */
    public record EpochCommitment(String receiptsRoot, String dataHash, long receiptCount, long committedBlock) {
        public boolean committed() {
            return committedBlock != 0;
        }
    }

    /** {@code PaymentEscrow.reservedOf(epoch, requester)}: what the escrow took from the requester for the epoch. */
    public BigInteger reservedOf(long epoch, String requester) {
        return call(() -> escrow.reservedOf(BigInteger.valueOf(epoch), requester).send());
    }

    /** The escrow's EIP-712 domain, under which requesters sign vouchers. */
    public Eip712Domain escrowDomain() {
        return io.cipherocto.contracts.eip712.Voucher.domain(manifest.chainId(), manifest.address(DeploymentManifest.ESCROW));
    }

    /** What can still be minted of a reward token: {@code cap() - totalSupply()}. */
    public BigInteger remainingSupply(String token) {
        var t = io.cipherocto.contracts.generated.RoleToken.load(token, web3j,
                new ReadonlyTransactionManager(web3j, token), new DefaultGasProvider());
        return call(() -> t.cap().send()).subtract(call(() -> t.totalSupply().send())).max(BigInteger.ZERO);
    }

    /** {@code RewardDistributor.nextEpoch}: every epoch below it is settled and debited on chain. */
    public long nextEpoch() {
        return ((BigInteger) cache.computeIfAbsent("nextEpoch", k -> call(() -> rewards.nextEpoch().send()))).longValueExact();
    }

    public long nextEpochUncached() {
        return call(() -> rewards.nextEpoch().send()).longValueExact();
    }

    public byte[] epochSeed(long epoch) {
        return call(() -> attestations.epochSeed(BigInteger.valueOf(epoch)).send());
    }

    /** The current (governed) sampling rate, for epochs whose seed was never recorded on chain. */
    public BigInteger samplingRateWad() {
        return call(() -> attestations.samplingRateWad().send());
    }

    /** The hash of block {@code number} as 32 bytes. */
    public byte[] blockHash(long number) {
        return Hex.decode(block(number).getHash());
    }

    public BigInteger epochSamplingRateWad(long epoch) {
        return call(() -> attestations.epochSamplingRateWad(BigInteger.valueOf(epoch)).send());
    }

    public boolean failedInEpoch(long epoch, String provider) {
        return call(() -> attestations.failedInEpoch(BigInteger.valueOf(epoch), provider).send());
    }

    public BigInteger protocolFeeWad() {
        return call(() -> rewards.protocolFeeWad().send());
    }

    public BigInteger emissionCap(String token) {
        return call(() -> rewards.emissionCap(token).send());
    }

    public BigInteger claimed(String earner, String token) {
        return call(() -> rewards.claimed(earner, token).send());
    }

    public RootView activeRoot() {
        return rootCall("activeRoot");
    }

    public RootView latestRoot() {
        return rootCall("latestRoot");
    }

    /**
     * {@code activeRoot()} / {@code latestRoot()} by a plain eth_call, decoding the static struct (bytes32, uint64,
     * uint48, bool) as four words (the generated wrapper cannot decode struct returns with web3j 5.0.2).
     */
    private RootView rootCall(String name) {
        String data = FunctionEncoder.encode(new Function(name, List.of(), List.of()));
        String out = call(() -> web3j.ethCall(Transaction.createEthCallTransaction(null, rewardsAddress(), data),
                DefaultBlockParameterName.LATEST).send()).getValue();
        String hex = Numeric.cleanHexPrefix(out);
        if (hex.length() < 256) {
            throw new IllegalStateException(name + "() returned " + out);
        }
        return new RootView("0x" + hex.substring(0, 64).toLowerCase(), new BigInteger(hex.substring(64, 128), 16).longValueExact(),
                new BigInteger(hex.substring(128, 192), 16).longValueExact(), new BigInteger(hex.substring(192, 256), 16).signum() != 0);
    }

    /**
     * A provider's stake in one role ({@code StakingManager.providerStake} and {@code unbonding}, read by the shared
     * {@link ProviderStakes}), at the latest block.
     *
     * @throws UncheckedIOException when the chain node does not answer
     * @throws IllegalStateException when a view errs, reverts or returns no or short data
     */
    public StakeView stake(String provider, int role) {
        ProviderStakes.Stake s;
        try {
            s = stakes.read(provider, role);
        } catch (ProviderStakes.StakeReadException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new StakeView(role, s.registered(), s.octo(), s.roleAmount(), s.unbondingOcto(), s.unbondingRoleAmount(),
                s.unbondReadyAt());
    }

    /** One role's stake: bonded OCTO and role token, and the unbonding bucket (ready at {@code unbondReadyAt}, 0 if none). */
    public record StakeView(int role, boolean registered, BigInteger octo, BigInteger roleAmount, BigInteger unbondingOcto,
            BigInteger unbondingRoleAmount, long unbondReadyAt) {
    }

    public EthBlock.Block block(long number) {
        return call(() -> web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                .send().getBlock());
    }

    public long latestTimestamp() {
        return call(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getTimestamp().longValueExact());
    }

    /** The root RewardDistributor.RootSubmitted recorded for {@code epoch}, read from the chain's logs. */
    public Optional<String> submittedRoot(long epoch) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(manifest.deployBlock())),
                DefaultBlockParameterName.LATEST, rewardsAddress());
        filter.addSingleTopic(EventEncoder.encode(RewardDistributor.ROOTSUBMITTED_EVENT));
        filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(epoch), 64));
        List<EthLog.LogResult> logs = call(() -> web3j.ethGetLogs(filter).send().getLogs());
        for (EthLog.LogResult<?> l : logs) {
            Log log = (Log) l.get();
            String data = Numeric.cleanHexPrefix(log.getData());
            return Optional.of("0x" + data.substring(0, 64).toLowerCase());
        }
        return Optional.empty();
    }

    /** An accepted fail attestation (FailAttestationAccepted): the quorum-signed verdict that a job failed. */
    public record FailEvent(long epoch, String jobId, String provider, String txHash, long blockNumber) {
    }

    /** A verifier's pass commitment for an epoch (PassAttestationsCommitted). */
    public record PassCommitmentEvent(long epoch, String verifier, String root, long count, String txHash, long blockNumber) {
    }

    /** The blocks per eth_getLogs request (nodes refuse unbounded ranges). */
    static final long LOG_WINDOW = 10_000;

    /** The fail attestations accepted for {@code epoch} in blocks [fromBlock, toBlock], in chain order. */
    public List<FailEvent> failAttestations(long epoch, long fromBlock, long toBlock) {
        List<FailEvent> out = new java.util.ArrayList<>();
        for (Log log : registryLogs(EventEncoder.encode(AttestationRegistry.FAILATTESTATIONACCEPTED_EVENT), epoch, fromBlock, toBlock)) {
            List<String> t = log.getTopics();
            out.add(new FailEvent(epoch, t.get(2).toLowerCase(), "0x" + t.get(3).substring(26).toLowerCase(), log.getTransactionHash(),
                    log.getBlockNumber().longValueExact()));
        }
        return out;
    }

    /** The verifiers' pass commitments for {@code epoch} in blocks [fromBlock, toBlock], in chain order. */
    public List<PassCommitmentEvent> passCommitments(long epoch, long fromBlock, long toBlock) {
        List<PassCommitmentEvent> out = new java.util.ArrayList<>();
        for (Log log : registryLogs(EventEncoder.encode(AttestationRegistry.PASSATTESTATIONSCOMMITTED_EVENT), epoch, fromBlock, toBlock)) {
            String data = Numeric.cleanHexPrefix(log.getData());
            out.add(new PassCommitmentEvent(epoch, "0x" + log.getTopics().get(2).substring(26).toLowerCase(),
                    "0x" + data.substring(0, 64).toLowerCase(), new BigInteger(data.substring(64, 128), 16).longValueExact(),
                    log.getTransactionHash(), log.getBlockNumber().longValueExact()));
        }
        return out;
    }

    private List<Log> registryLogs(String topic0, long epoch, long fromBlock, long toBlock) {
        return epochLogs(manifest.address(DeploymentManifest.ATTESTATIONS), topic0, epoch, fromBlock, toBlock);
    }

    /** A RootSubmitted event: the root and bundle hash committed for an epoch, and the block it is in. */
    public record Submitted(String root, String bundleHash, long blockNumber) {
    }

    /** The RootSubmitted of {@code epoch} in blocks [fromBlock, latest], if there is one. */
    public Optional<Submitted> submission(long epoch, long fromBlock) {
        for (Log log : epochLogs(rewardsAddress(), EventEncoder.encode(RewardDistributor.ROOTSUBMITTED_EVENT), epoch, fromBlock,
                headBlock())) {
            String data = Numeric.cleanHexPrefix(log.getData());
            return Optional.of(new Submitted("0x" + data.substring(0, 64).toLowerCase(), "0x" + data.substring(128, 192).toLowerCase(),
                    log.getBlockNumber().longValueExact()));
        }
        return Optional.empty();
    }

    /** The requesters the escrow reserved fees of for {@code epoch} (its Reserved events in blocks [fromBlock, toBlock]). */
    public java.util.Set<String> reservedRequesters(long epoch, long fromBlock, long toBlock) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Log log : epochLogs(manifest.address(DeploymentManifest.ESCROW),
                EventEncoder.encode(PaymentEscrow.RESERVED_EVENT), epoch, fromBlock, toBlock)) {
            out.add("0x" + log.getTopics().get(2).substring(26).toLowerCase());
        }
        return out;
    }

    /** Logs of one event of {@code address} whose first indexed argument is {@code epoch}, read in windows. */
    public List<Log> epochLogs(String address, String topic0, long epoch, long fromBlock, long toBlock) {
        List<Log> out = new java.util.ArrayList<>();
        for (long from = fromBlock; from <= toBlock; from += LOG_WINDOW) {
            long to = Math.min(toBlock, from + LOG_WINDOW - 1);
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
            filter.addSingleTopic(topic0);
            filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(epoch), 64));
            List<EthLog.LogResult> logs = call(() -> web3j.ethGetLogs(filter).send().getLogs());
            for (EthLog.LogResult<?> l : logs) {
                out.add((Log) l.get());
            }
        }
        return out;
    }

    /** How many verifiers are registered now ({@code AttestationRegistry.verifierCount}). */
    public long verifierCount() {
        return call(() -> attestations.verifierCount().send()).longValueExact();
    }

    /**
     * The unattested-sample policy frozen for {@code epoch} when its seed was recorded
     * ({@code AttestationRegistry.epochUnattestedPolicy}; 0 REFUND, 1 FEES_ONLY).
     */
    public int epochUnattestedPolicy(long epoch) {
        return call(() -> attestations.epochUnattestedPolicy(BigInteger.valueOf(epoch)).send()).intValueExact();
    }

    /** The AttestationRegistry's EIP-712 domain (attestation digests, pass commitments). */
    public Eip712Domain registryDomain() {
        return registryDomain;
    }

    /** A chain read; IO failures become UncheckedIOException, reverts IllegalStateException. */
    public static <T> T call(ChainCall<T> c) {
        try {
            return c.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A call that may throw. */
    @FunctionalInterface
    public interface ChainCall<T> {
        T call() throws Exception;
    }
}
