package io.cipherocto.node.cli;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.contracts.protocol.ProviderStakes;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code octo provider status|register|stake|unbond|withdraw}: a provider's registration and dual stake per role on
 * the StakingManager (OCTO plus the role's token), and its unbonding queue (one bucket per role). {@code stake}
 * approves both tokens itself when the allowance is short. Each refuses before sending when the call would revert.
 */
public final class ProviderCommand {
    static final String USAGE = """
            usage: octo provider status [--role ROLE]
                   octo provider register --role ROLE
                   octo provider stake --role ROLE [--octo AMOUNT] [--role-amount AMOUNT]
                   octo provider unbond --role ROLE [--octo AMOUNT] [--role-amount AMOUNT]
                   octo provider withdraw --role ROLE
              ROLE: 0..7 or compute, storage, bandwidth, orchestration, wholesale, developers, marketing, node-operators
              AMOUNT: integer wei, or a decimal with octo/ether (2.5octo)
              common: [--rpc URL] [--manifest FILE] [--keystore FILE] (key: OCTO_PRIVATE_KEY or --keystore)""";
    static final List<String> ROLES = List.of("compute", "storage", "bandwidth", "orchestration", "wholesale", "developers",
            "marketing", "node-operators");

    private ProviderCommand() {
    }

    public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
        return VerbRunner.run("provider", USAGE, err, () -> {
            if (argv.length == 0) {
                throw new Args.UsageException("missing subcommand");
            }
            String sub = argv[0];
            if (!List.of("status", "register", "stake", "unbond", "withdraw").contains(sub)) {
                throw new Args.UsageException("unknown subcommand '" + sub + "'");
            }
            Set<String> options = new HashSet<>(TxSender.OPTIONS);
            options.add("--role");
            if (sub.equals("stake") || sub.equals("unbond")) {
                options.addAll(List.of("--octo", "--role-amount"));
            }
            Args args = new Args(Arrays.copyOfRange(argv, 1, argv.length), Set.of(), options);
            Optional<Integer> role = args.value("--role").map(ProviderCommand::role);
            if (!sub.equals("status") && role.isEmpty()) {
                throw new Args.UsageException("missing --role");
            }
            BigInteger octo = args.value("--octo").map(a -> Amounts.parse("--octo", a)).orElse(BigInteger.ZERO);
            BigInteger roleAmount = args.value("--role-amount").map(a -> Amounts.parse("--role-amount", a)).orElse(BigInteger.ZERO);
            try (TxSender tx = TxSender.open(args, env, out, err)) {
                StakingManager staking = StakingManager.load(tx.manifest().address(DeploymentManifest.STAKING), tx.web3j(),
                        tx.chain().txManager(), tx.chain().gas());
                return switch (sub) {
                    case "status" -> status(tx, staking, role, out);
                    case "register" -> register(tx, staking, role.get());
                    case "stake" -> stake(tx, staking, role.get(), octo, roleAmount);
                    case "unbond" -> unbond(tx, staking, role.get(), octo, roleAmount, out);
                    default -> withdraw(tx, staking, role.get());
                };
            }
        });
    }

    /** The stake views of the provider (the shared {@link ProviderStakes}, as settlement and GraphQL read them). */
    private static ProviderStakes stakes(TxSender tx, StakingManager staking) {
        return new ProviderStakes(tx.web3j(), staking.getContractAddress());
    }

    private static int status(TxSender tx, StakingManager staking, Optional<Integer> only, PrintStream out) {
        String me = tx.address();
        out.println("provider " + me);
        boolean any = false;
        for (int r = 0; r < ROLES.size(); r++) {
            if (only.isPresent() && only.get() != r) {
                continue;
            }
            BigInteger role = BigInteger.valueOf(r);
            int roleId = r;
            ProviderStakes.Stake s = TxSender.read(() -> stakes(tx, staking).read(me, roleId));
            if (only.isEmpty() && !s.registered() && s.unbondingOcto().signum() == 0 && s.unbondingRoleAmount().signum() == 0) {
                continue;
            }
            any = true;
            boolean active = TxSender.read(() -> staking.isActiveProvider(me, role).send());
            boolean frozen = TxSender.read(() -> staking.frozen(me, role).send());
            StakingManager.RoleMinimums min = TxSender.read(() -> staking.roleMinimums(role).send());
            out.println("  role " + r + " (" + ROLES.get(r) + "): " + (s.registered() ? "registered" : "not registered")
                    + (active ? ", active" : ", not active") + (frozen ? ", FROZEN (slash queued)" : ""));
            out.println("    bonded:    " + s.octo() + " wei OCTO, " + s.roleAmount() + " wei role token (minimums " + min.minOcto
                    + " / " + min.minRoleAmount + ")");
            if (s.unbondingOcto().signum() > 0 || s.unbondingRoleAmount().signum() > 0) {
                long readyAt = s.unbondReadyAt();
                out.println("    unbonding: " + s.unbondingOcto() + " wei OCTO, " + s.unbondingRoleAmount() + " wei role token, withdrawable "
                        + (readyAt <= tx.now() ? "now" : "at " + Instant.ofEpochSecond(readyAt) + " (unix " + readyAt + ")"));
            }
        }
        if (!any) {
            out.println("  not registered for any role");
        }
        return 0;
    }

    private static int register(TxSender tx, StakingManager staking, int role) {
        ProviderStakes.Stake s = TxSender.read(() -> stakes(tx, staking).read(tx.address(), role));
        if (s.registered()) {
            throw new Refusal(tx.address() + " is already registered for role " + role + " (" + ROLES.get(role) + ")");
        }
        tx.send("registered " + tx.address() + " as a provider for role " + role + " (" + ROLES.get(role) + ")",
                staking.getContractAddress(), staking.registerProvider(BigInteger.valueOf(role)).encodeFunctionCall());
        return 0;
    }

    private static int stake(TxSender tx, StakingManager staking, int role, BigInteger octo, BigInteger roleAmount) {
        requireSomething(octo, roleAmount);
        BigInteger r = BigInteger.valueOf(role);
        ProviderStakes.Stake s = TxSender.read(() -> stakes(tx, staking).read(tx.address(), role));
        if (!s.registered()) {
            throw new Refusal(tx.address() + " is not registered for role " + role + " (" + ROLES.get(role) + "): run "
                    + "octo provider register --role " + role + " first");
        }
        String roleToken = tx.manifest().roleToken(role);
        tx.ensureFundsAndAllowance(tx.manifest().address(DeploymentManifest.OCTO), "OCTO", staking.getContractAddress(), octo);
        tx.ensureFundsAndAllowance(roleToken, "role token " + ROLES.get(role), staking.getContractAddress(), roleAmount);
        tx.send("staked " + octo + " wei OCTO and " + roleAmount + " wei of the role token for role " + role + " ("
                + ROLES.get(role) + ")", staking.getContractAddress(), staking.stake(r, octo, roleAmount).encodeFunctionCall());
        return 0;
    }

    private static int unbond(TxSender tx, StakingManager staking, int role, BigInteger octo, BigInteger roleAmount,
            PrintStream out) {
        requireSomething(octo, roleAmount);
        BigInteger r = BigInteger.valueOf(role);
        ProviderStakes.Stake s = TxSender.read(() -> stakes(tx, staking).read(tx.address(), role));
        if (!s.registered()) {
            throw new Refusal(tx.address() + " is not registered for role " + role + " (" + ROLES.get(role) + ")");
        }
        if (s.octo().compareTo(octo) < 0 || s.roleAmount().compareTo(roleAmount) < 0) {
            throw new Refusal("insufficient bonded stake for role " + role + ": bonded " + s.octo() + " wei OCTO and "
                    + s.roleAmount() + " wei role token, asked to unbond " + octo + " and " + roleAmount);
        }
        tx.send("requested unbonding of " + octo + " wei OCTO and " + roleAmount + " wei role token for role " + role
                + " (the whole bucket is withdrawable after the unbonding period)", staking.getContractAddress(),
                staking.requestUnbond(r, octo, roleAmount).encodeFunctionCall());
        long readyAt = TxSender.read(() -> stakes(tx, staking).read(tx.address(), role)).unbondReadyAt();
        out.println("withdrawable from " + Instant.ofEpochSecond(readyAt) + " (unix " + readyAt + "): octo provider withdraw --role "
                + role);
        return 0;
    }

    private static int withdraw(TxSender tx, StakingManager staking, int role) {
        BigInteger r = BigInteger.valueOf(role);
        ProviderStakes.Stake s = TxSender.read(() -> stakes(tx, staking).read(tx.address(), role));
        if (s.unbondingOcto().signum() == 0 && s.unbondingRoleAmount().signum() == 0) {
            throw new Refusal("nothing unbonding for role " + role + " (" + ROLES.get(role) + "): run octo provider unbond first");
        }
        long readyAt = s.unbondReadyAt();
        long now = tx.now();
        if (readyAt > now) {
            throw new Refusal("unbonding not yet withdrawable: " + s.unbondingOcto() + " wei OCTO and " + s.unbondingRoleAmount() + " wei role token "
                    + "become withdrawable at " + Instant.ofEpochSecond(readyAt) + " (unix " + readyAt + ", in "
                    + (readyAt - now) + " s)");
        }
        tx.send("withdrew " + s.unbondingOcto() + " wei OCTO and " + s.unbondingRoleAmount() + " wei role token unbonded from role " + role,
                staking.getContractAddress(), staking.withdraw(r).encodeFunctionCall());
        return 0;
    }

    private static void requireSomething(BigInteger octo, BigInteger roleAmount) {
        if (octo.signum() == 0 && roleAmount.signum() == 0) {
            throw new Args.UsageException("give --octo AMOUNT and/or --role-amount AMOUNT (at least one above zero)");
        }
    }

    static int role(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        int byName = ROLES.indexOf(v);
        if (byName >= 0) {
            return byName;
        }
        try {
            int r = Integer.parseInt(v);
            if (r >= 0 && r < ROLES.size()) {
                return r;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new Args.UsageException("--role: '" + s + "' is not a role (0..7 or " + String.join(", ", ROLES) + ")");
    }
}
