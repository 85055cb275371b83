package io.cipherocto.node;

import io.cipherocto.node.cli.ClaimCommand;
import io.cipherocto.node.cli.DeployCommand;
import io.cipherocto.node.cli.EscrowCommand;
import io.cipherocto.node.cli.MerkleCommand;
import io.cipherocto.node.cli.ProviderCommand;
import io.cipherocto.node.cli.StartCommand;
import io.cipherocto.node.cli.StartDevCommand;
import io.cipherocto.node.cli.Usage;
import io.cipherocto.node.cli.VoteCommand;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point of the octo node and its command line ({@code ./octo <command>}). Commands that serve
 * ({@code start-dev}, {@code start}) prepare their environment and configuration first, then boot Quarkus; the
 * tool commands ({@code merkle}, {@code deploy}, {@code audit}) and the transaction verbs ({@code vote}, {@code claim},
 * {@code provider}, {@code escrow}) run without booting it.
 */
@QuarkusMain
public final class OctoMain {
    private OctoMain() {
    }

    public static void main(String... args) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        int exit = switch (command) {
            case "start-dev" -> StartDevCommand.run(rest);
            case "start" -> StartCommand.run(rest);
            case "merkle" -> MerkleCommand.run(rest, System.out, System.err);
            case "deploy" -> DeployCommand.run(rest);
            case "audit" -> io.cipherocto.node.cli.AuditCommand.run(rest, System.out, System.err);
            case "vote" -> VoteCommand.run(rest, System.getenv(), System.out, System.err);
            case "claim" -> ClaimCommand.run(rest, System.getenv(), System.out, System.err);
            case "provider" -> ProviderCommand.run(rest, System.getenv(), System.out, System.err);
            case "escrow" -> EscrowCommand.run(rest, System.getenv(), System.out, System.err);
            case "help", "--help", "-h" -> Usage.print(System.out);
            default -> {
                System.err.println("octo: unknown command '" + command + "'");
                Usage.print(System.err);
                yield 2;
            }
        };
        System.exit(exit);
    }
}
