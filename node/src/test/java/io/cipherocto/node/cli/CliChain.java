package io.cipherocto.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.devkit.DevEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A fresh anvil with the suite deployed as by {@code ./octo start-dev} (dev timings: voting delay 5 s, activation
 * delay 30 s, unbonding 300 s, escrow withdrawal delay 120 s), and a way to run one verb as one key against it,
 * capturing its output and exit code.
 */
final class CliChain implements AutoCloseable {
    static final BigInteger E18 = BigInteger.TEN.pow(18);

    final AnvilNode anvil;
    final Path manifestPath;
    final DeploymentManifest manifest;
    final Chain operator;

    /** What one verb did. */
    record Run(int exit, String out, String err) {
    }

    @FunctionalInterface
    interface Verb {
        int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err);
    }

    CliChain() {
        anvil = AnvilNode.start();
        try {
            Path dir = Files.createTempDirectory("octo-cli-test");
            manifestPath = dir.resolve("deployment.json");
            operator = Chain.connect(anvil.web3j(), DevAccounts.get(0));
            manifest = new SuiteDeployer(operator, DevEnvironment.devConfig(), manifestPath).deploy();
        } catch (IOException e) {
            anvil.close();
            throw new UncheckedIOException(e);
        }
    }

    static BigInteger octo(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    /** Runs {@code verb} signing with {@code key} (given as OCTO_PRIVATE_KEY), against this chain and manifest. */
    Run run(Verb verb, Credentials key, String... args) {
        return runWithEnv(verb, Map.of(Signer.KEY_ENV, Numeric.toHexStringWithPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64)),
                args);
    }

    Run runWithEnv(Verb verb, Map<String, String> env, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--rpc";
        all[args.length + 1] = anvil.rpcUrl();
        all[args.length + 2] = "--manifest";
        all[args.length + 3] = manifestPath.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = verb.run(all, new HashMap<>(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        for (NodeSettings s : NodeSettings.values()) {
            System.clearProperty(s.key());
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A new key with 10 ETH for gas, {@code octo} OCTO and {@code role} of role token 0 and 1. */
    Credentials newAccount(BigInteger octoAmount, BigInteger roleAmount) {
        try {
            Credentials c = Credentials.create(Keys.createEcKeyPair());
            anvil.call("anvil_setBalance", List.of(c.getAddress(), Numeric.toHexStringWithPrefix(E18.multiply(BigInteger.TEN))));
            if (octoAmount.signum() > 0) {
                ok(token(manifest.address(DeploymentManifest.OCTO)).transfer(c.getAddress(), octoAmount).send());
            }
            if (roleAmount.signum() > 0) {
                ok(token(manifest.roleToken(0)).transfer(c.getAddress(), roleAmount).send());
                ok(token(manifest.roleToken(1)).transfer(c.getAddress(), roleAmount).send());
            }
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ERC-20 of the suite, as the operator (dev account #0, the genesis holder). */
    OctoToken token(String address) {
        return OctoToken.load(address, anvil.web3j(), operator.txManager(), operator.gas());
    }

    BigInteger balance(String token, String holder) throws Exception {
        return token(token).balanceOf(holder).send();
    }

    /** Transactions sent by {@code address} so far: unchanged by a refusal. */
    BigInteger sent(String address) throws IOException {
        return anvil.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    /** A new member with {@code stake} OCTO registered (before any proposal made after this call). */
    Credentials member(BigInteger stake) throws Exception {
        Credentials who = newAccount(stake, BigInteger.ZERO);
        String staking = manifest.address(DeploymentManifest.STAKING);
        Chain me = operator.as(who);
        ok(OctoToken.load(manifest.address(DeploymentManifest.OCTO), me.web3j(), me.txManager(), me.gas())
                .approve(staking, stake).send());
        ok(io.cipherocto.contracts.generated.StakingManager.load(staking, me.web3j(), me.txManager(), me.gas())
                .registerMember(stake).send());
        return who;
    }

    /** A new proposal by dev account #0; {@code active}: time moved past the dev voting delay (5 s). */
    BigInteger proposal(String description, boolean active) throws Exception {
        io.cipherocto.contracts.generated.OctoGovernor gov = io.cipherocto.contracts.generated.OctoGovernor.load(
                manifest.address(DeploymentManifest.GOVERNOR), anvil.web3j(), operator.txManager(), operator.gas());
        List<String> targets = List.of(manifest.address(DeploymentManifest.REWARDS));
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calldatas = List.of(Numeric.hexStringToByteArray(org.web3j.abi.FunctionEncoder.encode(
                new org.web3j.abi.datatypes.Function("setActivationDelay",
                        List.of(new org.web3j.abi.datatypes.generated.Uint256(7200)), List.of()))));
        ok(gov.propose(targets, values, calldatas, description).send());
        BigInteger id = gov.hashProposal(targets, values, calldatas,
                org.web3j.crypto.Hash.sha3(description.getBytes(StandardCharsets.UTF_8))).send();
        if (active) {
            increaseTime(6);
        }
        return id;
    }

    void increaseTime(long seconds) {
        anvil.increaseTime(seconds);
    }

    static void ok(TransactionReceipt r) {
        assertThat(r.isStatusOK()).as("tx %s", r.getTransactionHash()).isTrue();
    }

    /** The number of "tx 0x…" lines printed. */
    static int txLines(String out) {
        return (int) out.lines().filter(l -> l.matches(".*: tx 0x[0-9a-f]{64} \\(block \\d+\\)")).count();
    }

    @Override
    public void close() {
        anvil.close();
    }
}
