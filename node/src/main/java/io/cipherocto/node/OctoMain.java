package io.cipherocto.node;

import io.cipherocto.node.cli.ClaimCommand;
import io.cipherocto.node.cli.DeployCommand;
import io.cipherocto.node.cli.EscrowCommand;
import io.cipherocto.node.cli.MerkleCommand;
import io.cipherocto.node.cli.ProviderCommand;
import io.cipherocto.node.cli.StartCommand;
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
            case "start-dev" -> startDev(rest);
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

    /**
     * {@code start-dev} is in the development build only (devkit: embedded PostgreSQL and anvil, the simulation); the
     * production build ({@code -Pproduction}) leaves it out, and says so.
     */
    private static int startDev(String[] rest) {
        try {
            Class<?> command = Class.forName("io.cipherocto.node.cli.StartDevCommand");
            return (int) command.getMethod("run", String[].class).invoke(null, (Object) rest);
        } catch (ClassNotFoundException | NoClassDefFoundError production) {
            System.err.println("octo: start-dev is a development command and this is a production build (built with "
                    + "-Pproduction: no embedded PostgreSQL, no anvil, no simulation); use 'octo start' with octo.rpc-url, "
                    + "octo.db.url and octo.manifest");
            return 2;
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
