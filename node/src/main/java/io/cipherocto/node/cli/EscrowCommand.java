package io.cipherocto.node.cli;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.PaymentEscrow;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code octo escrow status|deposit|withdraw}: a requester's OCTO prepayment in the PaymentEscrow. {@code deposit}
 * approves the escrow itself when the allowance is short. Withdrawing takes two steps (the escrow's delay and window):
 * {@code withdraw AMOUNT} requests, {@code withdraw} alone pays the pending request out once it is withdrawable.
 */
public final class EscrowCommand {
    static final String USAGE = """
            usage: octo escrow status
                   octo escrow deposit AMOUNT [--for ADDR]
                   octo escrow withdraw AMOUNT     request a withdrawal (replaces a pending one, restarts the delay)
                   octo escrow withdraw            pay out the pending request once withdrawable
              AMOUNT: integer wei, or a decimal with octo/ether (2.5octo)
              common: [--rpc URL] [--manifest FILE] [--keystore FILE] (key: OCTO_PRIVATE_KEY or --keystore)""";

    private EscrowCommand() {
    }

    public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
        return VerbRunner.run("escrow", USAGE, err, () -> {
            if (argv.length == 0 || !List.of("status", "deposit", "withdraw").contains(argv[0])) {
                throw new Args.UsageException(argv.length == 0 ? "missing subcommand" : "unknown subcommand '" + argv[0] + "'");
            }
            String sub = argv[0];
            Set<String> options = new HashSet<>(TxSender.OPTIONS);
            if (sub.equals("deposit")) {
                options.add("--for");
            }
            Args args = new Args(Arrays.copyOfRange(argv, 1, argv.length), Set.of(), options, true);
            List<String> pos = args.positionals();
            if (pos.size() > 1 || (sub.equals("deposit") && pos.isEmpty()) || (sub.equals("status") && !pos.isEmpty())) {
                throw new Args.UsageException("wrong arguments for escrow " + sub);
            }
            Optional<BigInteger> amount = pos.isEmpty() ? Optional.empty() : Optional.of(Amounts.parse("AMOUNT", pos.get(0)));
            Optional<String> beneficiary = args.value("--for").map(a -> {
                if (!io.cipherocto.platform.kernel.Address.isValid(a)) {
                    throw new Args.UsageException("--for: not an address: " + a);
                }
                return a;
            });
            try (TxSender tx = TxSender.open(args, env, out, err)) {
                PaymentEscrow escrow = PaymentEscrow.load(tx.manifest().address(DeploymentManifest.ESCROW), tx.web3j(),
                        tx.chain().txManager(), tx.chain().gas());
                return switch (sub) {
                    case "status" -> status(tx, escrow, out);
                    case "deposit" -> deposit(tx, escrow, amount.get(), beneficiary);
                    default -> amount.isPresent() ? requestWithdrawal(tx, escrow, amount.get(), out) : withdraw(tx, escrow);
                };
            }
        });
    }

    private static int status(TxSender tx, PaymentEscrow escrow, PrintStream out) {
        PaymentEscrow.Account a = TxSender.read(() -> escrow.account(tx.address()).send());
        BigInteger available = TxSender.read(() -> escrow.availableBalance(tx.address()).send());
        out.println("escrow account " + tx.address() + ": balance " + Amounts.show(a.balance, "OCTO") + ", available "
                + Amounts.show(available, "OCTO"));
        if (a.pendingWithdrawal.signum() > 0) {
            out.println("  withdrawal requested: " + a.pendingWithdrawal + " wei, withdrawable " + Instant.ofEpochSecond(
                    a.withdrawableAt.longValueExact()) + " until " + Instant.ofEpochSecond(a.expiresAt.longValueExact()));
        }
        return 0;
    }

    private static int deposit(TxSender tx, PaymentEscrow escrow, BigInteger amount, Optional<String> beneficiary) {
        if (amount.signum() == 0) {
            throw new Args.UsageException("AMOUNT must be above zero");
        }
        tx.ensureFundsAndAllowance(tx.manifest().address(DeploymentManifest.OCTO), "OCTO", escrow.getContractAddress(), amount);
        String to = beneficiary.orElse(tx.address());
        String data = beneficiary.isPresent() ? escrow.depositFor(to, amount).encodeFunctionCall()
                : escrow.deposit(amount).encodeFunctionCall();
        tx.send("deposited " + Amounts.show(amount, "OCTO") + " into the escrow for " + to, escrow.getContractAddress(), data);
        return 0;
    }

    private static int requestWithdrawal(TxSender tx, PaymentEscrow escrow, BigInteger amount, PrintStream out) {
        if (amount.signum() == 0) {
            throw new Args.UsageException("AMOUNT must be above zero");
        }
        BigInteger balance = TxSender.read(() -> escrow.balanceOf(tx.address()).send());
        if (balance.compareTo(amount) < 0) {
            throw new Refusal("insufficient escrow balance: " + tx.address() + " has " + Amounts.show(balance, "OCTO")
                    + " in the escrow, asked to withdraw " + Amounts.show(amount, "OCTO"));
        }
        tx.send("requested a withdrawal of " + Amounts.show(amount, "OCTO") + " from the escrow", escrow.getContractAddress(),
                escrow.requestWithdrawal(amount).encodeFunctionCall());
        PaymentEscrow.Account a = TxSender.read(() -> escrow.account(tx.address()).send());
        out.println("withdrawable from " + Instant.ofEpochSecond(a.withdrawableAt.longValueExact()) + " until "
                + Instant.ofEpochSecond(a.expiresAt.longValueExact()) + ": then run octo escrow withdraw");
        return 0;
    }

    private static int withdraw(TxSender tx, PaymentEscrow escrow) {
        PaymentEscrow.Account a = TxSender.read(() -> escrow.account(tx.address()).send());
        if (a.pendingWithdrawal.signum() == 0) {
            throw new Refusal("no withdrawal requested: run octo escrow withdraw AMOUNT first");
        }
        long now = tx.now();
        long at = a.withdrawableAt.longValueExact();
        if (now < at) {
            throw new Refusal("withdrawal of " + a.pendingWithdrawal + " wei not withdrawable yet: from "
                    + Instant.ofEpochSecond(at) + " (unix " + at + ", in " + (at - now) + " s)");
        }
        if (now >= a.expiresAt.longValueExact()) {
            throw new Refusal("the withdrawal request lapsed at " + Instant.ofEpochSecond(a.expiresAt.longValueExact())
                    + ": request it again with octo escrow withdraw AMOUNT");
        }
        BigInteger paid = a.pendingWithdrawal.min(a.balance);
        tx.send("withdrew " + Amounts.show(paid, "OCTO") + " from the escrow", escrow.getContractAddress(),
                escrow.withdraw().encodeFunctionCall());
        return 0;
    }
}
