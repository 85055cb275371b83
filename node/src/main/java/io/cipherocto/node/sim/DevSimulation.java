package io.cipherocto.node.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Signatures;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.PaymentEscrow;
import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.SettlementDomain;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.sim.ProviderSimulator;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code octo start-dev --simulate}: a small network driven against the running node, on the dev chain's accounts.
 * Once the node is ready: providers #1..#4 register and stake for role 0 (#4 cheats on a share of its jobs),
 * requesters #5 and #6 deposit into the escrow, members #1 and #2 stake for voting. Then, every epoch: jobs from
 * {@link ProviderSimulator} (deterministic by seed and epoch), their specs uploaded, both-party signed receipts
 * posted, while the node's own verifier samples and slashes and its settlement posts roots; providers claim what
 * {@code GET /rewards/{address}} says is claimable; once, member #1 proposes on the governor and #1 and #2 vote
 * with signed ballots through the API (then queue and execute it). One line per settled epoch on stdout.
 *
 * <p>Dev-chain shortcut: the governed sampling rate and reward activation delay are set at setup by impersonating
 * the timelock on anvil (see {@link SimSettings}), so that cheats are caught within a few epochs and settlement keeps
 * pace with 20-block epochs. Every error is printed and the simulation goes on; it never stops the node.
 */
public final class DevSimulation implements Runnable {
    static final int ROLE = 0;
    static final int[] PROVIDERS = {1, 2, 3, 4};
    static final int CHEATER = 4;
    static final int[] REQUESTERS = {5, 6};
    static final int[] MEMBERS = {1, 2};
    /** Description of the simulation's proposal (its id is hashProposal of the action and this text). */
    static final String PROPOSAL_DESCRIPTION = "octo start-dev --simulate: confirm the reward activation delay of the dev chain";

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger STAKE_OCTO = octo(10_000);
    private static final BigInteger STAKE_ROLE = octo(1_000);
    private static final BigInteger DEPOSIT = octo(10_000);
    private static final BigInteger MIN_ESCROW = octo(1_000);
    private static final BigInteger[] MEMBER_BONDS = {octo(10_000), octo(40_000)};
    /** Receipts are posted only while at least this many blocks of the epoch remain. */
    private static final long MIN_BLOCKS_LEFT = 6;

    private final DeploymentManifest m;
    private final AnvilNode anvil;
    private final Web3j web3j;
    private final SimHttp api;
    private final SimSettings settings;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Chain deployer;
    private ProviderSimulator simulator;
    private Eip712Domain receiptDomain;
    private boolean setupDone;
    private final Map<Long, EpochStats> posted = new TreeMap<>();
    private Long nextReport;
    private long lastClaimRound;
    private final Map<String, Long> claimedRoot = new HashMap<>();
    private int claimsSinceReport;
    private final Map<String, BigInteger> claimedSinceReport = new TreeMap<>();
    private BigInteger proposalId;
    private long proposalCheckedAt;
    private final Map<Integer, String> ballots = new LinkedHashMap<>();
    private final Map<String, String> lastErrors = new HashMap<>();

    /** What the simulation posted for one epoch. */
    record EpochStats(int receipts, int byCheater, int wrong, int rejected, String firstRejection) {
    }

    public DevSimulation(DeploymentManifest manifest, AnvilNode anvil, String baseUrl, SimSettings settings, PrintStream out) {
        this.m = Objects.requireNonNull(manifest, "manifest");
        this.anvil = Objects.requireNonNull(anvil, "anvil");
        this.web3j = anvil.web3j();
        this.api = new SimHttp(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Starts the simulation on a daemon thread; it waits for the node's readiness first. */
    public Thread start() {
        Thread t = new Thread(this, "octo-sim");
        t.setDaemon(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping.set(true), "octo-sim-stop"));
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            if (!awaitReady(Duration.ofMinutes(5)) && !stopping.get()) {
                print("the node did not become ready within 5 minutes; simulating anyway");
            }
            print("starting: providers #1..#4 (#4 cheats on " + settings.cheatPerMille() / 10.0 + "% of its jobs), requesters #5 #6, "
                    + "members #1 #2, " + settings.jobsPerEpoch() + " jobs per epoch, seed '" + settings.seed() + "'");
            while (!stopping.get()) {
                if (!setupDone) {
                    step("setup", this::setup);
                }
                if (setupDone) {
                    step("receipts", this::postEpoch);
                    step("claims", this::claims);
                    step("governance", this::governance);
                    step("report", this::report);
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            if (!stopping.get()) {
                print("stopped by an unexpected error: " + e);
            }
        }
    }

    // ------------------------------------------------------------------ setup

    private void setup() throws Exception {
        deployer = Chain.connect(web3j, DevAccounts.get(0));
        receiptDomain = SettlementDomain.of(m.chainId(), m.address(DeploymentManifest.REWARDS));
        List<ProviderSimulator.Provider> ps = new ArrayList<>();
        for (int p : PROVIDERS) {
            ps.add(new ProviderSimulator.Provider(DevAccounts.get(p).getAddress(), ROLE, p == CHEATER ? settings.cheatPerMille() : 0));
        }
        simulator = new ProviderSimulator(Hash.sha3(("octo-sim:" + settings.seed()).getBytes(StandardCharsets.UTF_8)), ps,
                new JobExecutor(new CpuBackend()));
        devOverrides();
        ensureProvidersAndEscrow();
        StakingManager staking = staking(deployer);
        for (int i = 0; i < MEMBERS.length; i++) {
            Credentials c = DevAccounts.get(MEMBERS[i]);
            if (!staking.isMember(c.getAddress()).send()) {
                ensureBalance(c, MEMBER_BONDS[i]);
                ok(octo(c).approve(m.address(DeploymentManifest.STAKING), MEMBER_BONDS[i]).send());
                ok(staking(as(c)).registerMember(MEMBER_BONDS[i]).send());
            }
        }
        setupDone = true;
        print("setup done: 4 providers staked for role 0 (" + fmt(STAKE_OCTO) + " OCTO + " + fmt(STAKE_ROLE)
                + " role tokens each), 2 requesters with escrow, members #1 and #2 staked " + fmt(MEMBER_BONDS[0]) + " / "
                + fmt(MEMBER_BONDS[1]) + " OCTO");
    }

    /** The dev shortcut: governed parameters set by the timelock, impersonated on anvil. */
    private void devOverrides() throws Exception {
        AttestationRegistry registry = AttestationRegistry.load(m.address(DeploymentManifest.ATTESTATIONS), web3j,
                deployer.txManager(), deployer.gas());
        RewardDistributor rewards = rewards(deployer);
        List<String> changes = new ArrayList<>();
        if (settings.samplingRateWad().isPresent() && !registry.samplingRateWad().send().equals(settings.samplingRateWad().get())) {
            asTimelock(m.address(DeploymentManifest.ATTESTATIONS),
                    FunctionEncoder.encode(new Function("setSamplingRate", List.of(new Uint256(settings.samplingRateWad().get())),
                            List.of())));
            changes.add("sampling rate " + new BigDecimal(settings.samplingRateWad().get()).movePointLeft(16).stripTrailingZeros()
                    .toPlainString() + "%");
        }
        if (settings.activationDelay().isPresent()
                && rewards.activationDelay().send().longValueExact() != settings.activationDelay().get()) {
            asTimelock(m.address(DeploymentManifest.REWARDS), activationDelayCall());
            changes.add("reward activation delay " + settings.activationDelay().get() + " s");
        }
        if (!settings.extraVerifiers().isEmpty()) {
            String attestations = m.address(DeploymentManifest.ATTESTATIONS);
            for (String v : settings.extraVerifiers()) {
                asTimelock(attestations, FunctionEncoder.encode(new Function("setVerifier",
                        List.of(new org.web3j.abi.datatypes.Address(v), new org.web3j.abi.datatypes.Bool(true)), List.of())));
            }
            long quorum = registry.verifierCount().send().longValueExact();
            asTimelock(attestations, FunctionEncoder.encode(new Function("setQuorum", List.of(new Uint256(quorum)), List.of())));
            changes.add("verifiers " + settings.extraVerifiers() + " added, quorum " + quorum);
        }
        if (!changes.isEmpty()) {
            print("dev shortcut (anvil impersonates the timelock): " + String.join(", ", changes));
        }
    }

    private String activationDelayCall() throws Exception {
        long delay = settings.activationDelay().orElse(rewards(deployer).activationDelay().send().longValueExact());
        return FunctionEncoder.encode(new Function("setActivationDelay", List.of(new Uint256(delay)), List.of()));
    }

    private void asTimelock(String to, String data) throws Exception {
        String timelock = m.address(DeploymentManifest.TIMELOCK);
        anvil.call("anvil_setBalance", List.of(timelock, "0x56bc75e2d63100000"));
        anvil.call("anvil_impersonateAccount", List.of(timelock));
        try {
            Map<String, String> tx = new LinkedHashMap<>();
            tx.put("from", timelock);
            tx.put("to", to);
            tx.put("data", data);
            tx.put("gas", "0x200000");
            String hash = String.valueOf(anvil.call("eth_sendTransaction", List.of(tx)).getResult());
            TransactionReceipt r = awaitReceipt(hash);
            ok(r);
        } finally {
            anvil.call("anvil_stopImpersonatingAccount", List.of(timelock));
        }
    }

    private TransactionReceipt awaitReceipt(String hash) throws Exception {
        for (int i = 0; i < 300; i++) {
            Optional<TransactionReceipt> r = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (r.isPresent()) {
                return r.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no receipt for " + hash);
    }

    /** Providers active for role 0 (a slashed cheater below the minimums stakes again), escrow above a floor. */
    private void ensureProvidersAndEscrow() throws Exception {
        StakingManager staking = staking(deployer);
        String stakingAddr = m.address(DeploymentManifest.STAKING);
        for (int p : PROVIDERS) {
            Credentials c = DevAccounts.get(p);
            if (staking.isActiveProvider(c.getAddress(), BigInteger.valueOf(ROLE)).send()) {
                continue;
            }
            StakingManager.ProviderStake stake = staking.providerStake(c.getAddress(), BigInteger.valueOf(ROLE)).send();
            ensureBalance(c, STAKE_OCTO);
            BigInteger role = roleToken(deployer).balanceOf(c.getAddress()).send();
            if (role.compareTo(STAKE_ROLE) < 0) {
                ok(roleToken(deployer).transfer(c.getAddress(), STAKE_ROLE.subtract(role)).send());
            }
            StakingManager mine = staking(as(c));
            if (!stake.registered) {
                ok(mine.registerProvider(BigInteger.valueOf(ROLE)).send());
            }
            ok(octo(c).approve(stakingAddr, STAKE_OCTO).send());
            ok(roleToken(as(c)).approve(stakingAddr, STAKE_ROLE).send());
            ok(mine.stake(BigInteger.valueOf(ROLE), STAKE_OCTO, STAKE_ROLE).send());
            if (stake.registered) {
                print("provider #" + p + " fell below the stake minimums: staked again");
            }
        }
        String escrowAddr = m.address(DeploymentManifest.ESCROW);
        for (int r : REQUESTERS) {
            Credentials c = DevAccounts.get(r);
            Chain rc = as(c);
            PaymentEscrow escrow = PaymentEscrow.load(escrowAddr, rc.web3j(), rc.txManager(), rc.gas());
            if (escrow.balanceOf(c.getAddress()).send().compareTo(MIN_ESCROW) < 0) {
                ensureBalance(c, DEPOSIT);
                ok(octo(c).approve(escrowAddr, DEPOSIT).send());
                ok(escrow.deposit(DEPOSIT).send());
            }
        }
    }

    private void ensureBalance(Credentials c, BigInteger need) throws Exception {
        BigInteger has = octo(deployer.credentials()).balanceOf(c.getAddress()).send();
        if (has.compareTo(need) < 0) {
            ok(octo(deployer.credentials()).transfer(c.getAddress(), need.subtract(has)).send());
        }
    }

    // ------------------------------------------------------------------ receipts

    private void postEpoch() throws Exception {
        long head = deployer.blockNumber();
        if (head < m.epochGenesisBlock()) {
            return;
        }
        long epoch = (head - m.epochGenesisBlock()) / m.epochLength();
        if (posted.containsKey(epoch) || closingBlock(epoch) - head < MIN_BLOCKS_LEFT) {
            return;
        }
        // Marked first: an epoch whose posting fails is not retried (its blocks run out), the next one is.
        posted.put(epoch, new EpochStats(0, 0, 0, 0, null));
        ensureProvidersAndEscrow();
        List<ProviderSimulator.SimulatedJob> jobs = simulator.jobs(epoch, settings.jobsPerEpoch());
        List<Map<String, Object>> receipts = new ArrayList<>();
        Map<Credentials, BigInteger> owed = new LinkedHashMap<>(); // each requester's fees in this epoch: its voucher
        String cheater = DevAccounts.get(CHEATER).getAddress();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i).job();
            JobSpec spec = job.spec();
            String specHash = Hex.encode(spec.specHash());
            SimHttp.Reply up = api.put("/api/v1/specs/" + specHash, Map.of("spec", Hex.encode(spec.encode())));
            if (!up.ok()) {
                throw new IllegalStateException("spec upload " + specHash + ": " + up.error());
            }
            Credentials provider = DevAccounts.get(PROVIDERS[indexOf(job.provider())]);
            Credentials requester = DevAccounts.get(REQUESTERS[i % REQUESTERS.length]);
            long macs = spec.params().macs();
            JobReceipt r = new JobReceipt(Hex.encode(job.jobId()), epoch, requester.getAddress(), provider.getAddress(),
                    ROLE, String.format("0x%064x", spec.kernel().code()), specHash, Hex.encode(job.claimedOutputHash()),
                    BigInteger.valueOf(Math.max(1, macs)), E18.add(BigInteger.valueOf(macs).multiply(BigInteger.TEN.pow(14))));
            byte[] digest = r.digest(receiptDomain);
            owed.merge(requester, r.fee(), BigInteger::add);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("jobId", r.jobId());
            json.put("epoch", r.epoch());
            json.put("requester", r.requester());
            json.put("provider", r.provider());
            json.put("role", r.role());
            json.put("kernel", r.kernel());
            json.put("specHash", r.specHash());
            json.put("outputHash", r.outputHash());
            json.put("workUnits", r.workUnits().toString());
            json.put("fee", r.fee().toString());
            json.put("providerSignature", Hex.encode(Signatures.sign(digest, provider.getEcKeyPair())));
            json.put("requesterSignature", Hex.encode(Signatures.sign(digest, requester.getEcKeyPair())));
            receipts.add(json);
        }
        // Protocol v2: each requester signs a voucher for its fees of the epoch (the escrow never takes more).
        List<Map<String, Object>> vouchers = new ArrayList<>();
        var escrowDomain = io.cipherocto.contracts.eip712.Voucher.domain(m.chainId(), m.address(DeploymentManifest.ESCROW));
        owed.forEach((requester, total) -> {
            var v = new io.cipherocto.contracts.eip712.Voucher(requester.getAddress(), epoch, total);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("requester", requester.getAddress());
            json.put("epoch", epoch);
            json.put("maxAmount", total.toString());
            json.put("signature", Hex.encode(Signatures.sign(v.digest(escrowDomain), requester.getEcKeyPair())));
            vouchers.add(json);
        });
        SimHttp.Reply reply = api.post("/api/v1/receipts", Map.of("receipts", receipts, "vouchers", vouchers));
        if (!reply.ok()) {
            throw new IllegalStateException("POST /receipts for epoch " + epoch + ": " + reply.error());
        }
        int accepted = 0;
        int byCheater = 0;
        int wrong = 0;
        int rejected = 0;
        String firstRejection = null;
        JsonNode results = reply.body().path("results");
        for (int i = 0; i < jobs.size(); i++) {
            String status = results.path(i).path("status").asText("");
            if (status.equals("accepted") || status.equals("duplicate")) {
                accepted++;
                if (jobs.get(i).job().provider().equalsIgnoreCase(cheater)) {
                    byCheater++;
                    if (jobs.get(i).cheated()) {
                        wrong++;
                    }
                }
            } else {
                rejected++;
                if (firstRejection == null) {
                    firstRejection = results.path(i).path("code").asText(status) + ": " + results.path(i).path("message").asText("");
                }
            }
        }
        posted.put(epoch, new EpochStats(accepted, byCheater, wrong, rejected, firstRejection));
        if (nextReport == null) {
            nextReport = epoch;
        }
        if (rejected > 0) {
            print("epoch " + epoch + ": " + rejected + " receipts rejected, first: " + firstRejection);
        }
    }

    private static int indexOf(String provider) {
        for (int i = 0; i < PROVIDERS.length; i++) {
            if (DevAccounts.get(PROVIDERS[i]).getAddress().equalsIgnoreCase(provider)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a simulated provider: " + provider);
    }

    private long closingBlock(long epoch) {
        return m.epochGenesisBlock() + (epoch + 1) * m.epochLength() - 1;
    }

    // ------------------------------------------------------------------ claims

    private void claims() throws Exception {
        if (System.currentTimeMillis() - lastClaimRound < 3000) {
            return;
        }
        lastClaimRound = System.currentTimeMillis();
        Exception first = null;
        for (int p : PROVIDERS) {
            if (settings.selfClaimers().contains(p)) {
                continue; // claims with its own wallet (octo.sim.self-claimers)
            }
            try {
                claim(DevAccounts.get(p));
            } catch (Exception e) {
                // the other providers still claim; the first error is reported
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Claims every token with something claimable under the active root, once per root. */
    private void claim(Credentials c) throws Exception {
        SimHttp.Reply r = api.get("/api/v1/rewards/" + c.getAddress());
        if (!r.ok()) {
            throw new IllegalStateException("GET /rewards/" + c.getAddress() + ": " + r.error());
        }
        JsonNode body = r.body();
        if (!body.hasNonNull("epoch")) {
            return;
        }
        long rootEpoch = body.get("epoch").asLong();
        if (claimedRoot.getOrDefault(c.getAddress(), -1L) >= rootEpoch) {
            return;
        }
        RewardDistributor rewards = rewards(as(c));
        for (JsonNode t : body.path("rewards")) {
            BigInteger claimable = new BigInteger(t.path("claimable").asText("0"));
            if (claimable.signum() <= 0) {
                continue;
            }
            List<byte[]> proof = new ArrayList<>();
            t.path("proof").forEach(h -> proof.add(Hex.decode(h.asText())));
            String token = t.path("token").asText();
            ok(rewards.claim(c.getAddress(), token, new BigInteger(t.path("cumulativeAmount").asText()), proof).send());
            claimsSinceReport++;
            claimedSinceReport.merge(tokenName(token), claimable, BigInteger::add);
        }
        claimedRoot.put(c.getAddress(), rootEpoch);
    }

    private String tokenName(String token) {
        if (token.equalsIgnoreCase(m.address(DeploymentManifest.OCTO))) {
            return "OCTO";
        }
        for (int i = 0; i < m.roleTokens().size(); i++) {
            if (m.roleToken(i).equalsIgnoreCase(token)) {
                return "role-" + i;
            }
        }
        return token;
    }

    // ------------------------------------------------------------------ governance

    private void governance() throws Exception {
        if (System.currentTimeMillis() - proposalCheckedAt < 2000) {
            return;
        }
        proposalCheckedAt = System.currentTimeMillis();
        Credentials proposer = DevAccounts.get(MEMBERS[0]);
        OctoGovernor gov = governor(as(proposer));
        List<String> targets = List.of(m.address(DeploymentManifest.REWARDS));
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calldatas = List.of(Hex.decode(activationDelayCall()));
        byte[] descriptionHash = Hash.sha3(PROPOSAL_DESCRIPTION.getBytes(StandardCharsets.UTF_8));
        if (proposalId == null) {
            BigInteger id = gov.hashProposal(targets, values, calldatas, descriptionHash).send();
            if (gov.proposalSnapshot(id).send().signum() == 0) {
                ok(gov.propose(targets, values, calldatas, PROPOSAL_DESCRIPTION).send());
                print("proposal " + id + " created by member #1 (setActivationDelay on the RewardDistributor, value unchanged)");
            } else {
                print("proposal " + id + " exists already (state " + state(gov.state(id).send()) + ")");
            }
            proposalId = id;
        }
        int state = gov.state(proposalId).send().intValueExact();
        if (state == 1) {
            vote(gov);
        } else if (state == 4) {
            ok(gov.queue(targets, values, calldatas, descriptionHash).send());
            print("proposal " + shortId() + " succeeded: queued in the timelock by member #1");
        } else if (state == 5) {
            BigInteger eta = gov.proposalEta(proposalId).send();
            BigInteger now = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp();
            if (now.compareTo(eta) >= 0) {
                ok(gov.execute(targets, values, calldatas, descriptionHash, BigInteger.ZERO).send());
                print("proposal " + shortId() + " executed");
            }
        }
    }

    private void vote(OctoGovernor gov) throws Exception {
        Eip712Domain domain = new Eip712Domain("OctoGovernor", "1", m.chainId(), m.address(DeploymentManifest.GOVERNOR));
        for (int member : MEMBERS) {
            if (ballots.containsKey(member)) {
                continue;
            }
            Credentials voter = DevAccounts.get(member);
            if (gov.hasVoted(proposalId, voter.getAddress()).send()) {
                ballots.put(member, "");
                continue;
            }
            BigInteger nonce = gov.nonces(voter.getAddress()).send();
            byte[] sig = Signatures.sign(new Ballot(proposalId, Ballot.FOR, voter.getAddress(), nonce).digest(domain),
                    voter.getEcKeyPair());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("proposalId", proposalId.toString());
            body.put("support", Ballot.FOR);
            body.put("voter", voter.getAddress());
            body.put("nonce", nonce.toString());
            body.put("signature", Hex.encode(sig));
            SimHttp.Reply r = api.post("/api/v1/governance/votes", body);
            if (!r.ok()) {
                throw new IllegalStateException("ballot of member #" + member + ": " + r.error() + " "
                        + r.body().path("message").asText(""));
            }
            String ballotId = r.body().path("ballotId").asText();
            ballots.put(member, ballotId);
            print("ballot of member #" + member + " FOR proposal " + shortId() + " accepted by the API (ballot " + ballotId + ")");
        }
    }

    private String shortId() {
        String s = proposalId.toString();
        return s.length() > 12 ? s.substring(0, 6) + "..." + s.substring(s.length() - 4) : s;
    }

    private static String state(BigInteger s) {
        try {
            return io.cipherocto.governance.chain.ProposalState.of(s.intValueExact()).name();
        } catch (IllegalArgumentException | ArithmeticException unknown) {
            return s.toString();
        }
    }

    // ------------------------------------------------------------------ report

    /** One line per epoch the simulation posted to, once its root is on chain. */
    private void report() throws Exception {
        while (nextReport != null) {
            long e = nextReport;
            SimHttp.Reply r = api.get("/api/v1/epochs/" + e);
            if (r.status() == 404 || !r.body().hasNonNull("txHash")) {
                return;
            }
            if (!r.ok()) {
                throw new IllegalStateException("GET /epochs/" + e + ": " + r.error());
            }
            JsonNode ep = r.body();
            EpochStats s = posted.getOrDefault(e, new EpochStats(0, 0, 0, 0, null));
            String cheater = DevAccounts.get(CHEATER).getAddress();
            int slashed = 0;
            SimHttp.Reply a = api.get("/api/v1/attestations?epoch=" + e + "&provider=" + cheater);
            if (a.ok()) {
                slashed = a.body().path("failAttestationsOnChain").size();
                if (slashed == 0) {
                    for (JsonNode v : a.body().path("verifierVerdicts")) {
                        if (v.path("passed").isBoolean() && !v.path("passed").asBoolean()) {
                            slashed++;
                        }
                    }
                }
            }
            StringBuilder line = new StringBuilder();
            line.append("epoch ").append(e).append(": ").append(s.receipts()).append(" receipts (").append(s.byCheater())
                    .append(" by the cheater, ").append(s.wrong()).append(" wrong)");
            if (s.rejected() > 0) {
                line.append(", ").append(s.rejected()).append(" rejected");
            }
            line.append(", sampled ").append(ep.path("sampled").asLong()).append(" (").append(ep.path("attestedPass").asLong())
                    .append(" pass, ").append(ep.path("attestedFail").asLong()).append(" fail), root ")
                    .append(abbrev(ep.path("root").asText())).append(" posted (tx ").append(abbrev(ep.path("txHash").asText()))
                    .append("), ").append(slashed).append(" slashed");
            line.append(", ").append(claimsSinceReport).append(" claims paid");
            if (!claimedSinceReport.isEmpty()) {
                List<String> amounts = new ArrayList<>();
                claimedSinceReport.forEach((k, v) -> amounts.add(fmt(v) + " " + k));
                line.append(" (").append(String.join(", ", amounts)).append(')');
            }
            claimsSinceReport = 0;
            claimedSinceReport.clear();
            if (proposalId != null) {
                SimHttp.Reply pr = api.get("/api/v1/governance/proposals/" + proposalId);
                if (pr.ok()) {
                    JsonNode v = pr.body().path("votes");
                    line.append(", proposal ").append(shortId()).append(' ').append(pr.body().path("state").asText())
                            .append(" for ").append(v.path("for").asText("?")).append(" / against ")
                            .append(v.path("against").asText("?")).append(" (sqrt-stake votes)");
                }
            }
            print(line.toString());
            nextReport = e + 1;
        }
    }

    private static String abbrev(String hex) {
        return hex == null || hex.length() < 14 ? String.valueOf(hex) : hex.substring(0, 10) + "...";
    }

    // ------------------------------------------------------------------ helpers

    private boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !stopping.get()) {
            try {
                if (api.get("/q/health/ready").status() == 200) {
                    return true;
                }
            } catch (java.io.IOException notYet) {
                // the HTTP server is not up yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Runs one step; an error is printed (once while it repeats) and the simulation goes on. */
    private void step(String name, Step s) throws InterruptedException {
        try {
            s.run();
            lastErrors.remove(name);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            if (stopping.get()) {
                return;
            }
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!msg.equals(lastErrors.put(name, msg))) {
                print(name + " failed (will retry): " + msg);
            }
        }
    }

    private void print(String s) {
        out.println("[sim] " + s);
        out.flush();
    }

    private static void ok(TransactionReceipt r) {
        if (!r.isStatusOK()) {
            throw new IllegalStateException("transaction " + r.getTransactionHash() + " reverted");
        }
    }

    private Chain as(Credentials c) {
        return deployer.as(c);
    }

    private OctoToken octo(Credentials c) {
        Chain x = as(c);
        return OctoToken.load(m.address(DeploymentManifest.OCTO), x.web3j(), x.txManager(), x.gas());
    }

    private RoleToken roleToken(Chain x) {
        return RoleToken.load(m.roleToken(ROLE), x.web3j(), x.txManager(), x.gas());
    }

    private StakingManager staking(Chain x) {
        return StakingManager.load(m.address(DeploymentManifest.STAKING), x.web3j(), x.txManager(), x.gas());
    }

    private RewardDistributor rewards(Chain x) {
        return RewardDistributor.load(m.address(DeploymentManifest.REWARDS), x.web3j(), x.txManager(), x.gas());
    }

    private OctoGovernor governor(Chain x) {
        return OctoGovernor.load(m.address(DeploymentManifest.GOVERNOR), x.web3j(), x.txManager(), x.gas());
    }

    private static BigInteger octo(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    private static String fmt(BigInteger wei) {
        return new BigDecimal(wei, 18).setScale(2, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
    }
}
