package io.cipherocto.node.cli;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.devnet.OctoHome;
import io.cipherocto.devkit.DevEnvironment;
import io.cipherocto.node.NodeApplication;
import io.cipherocto.node.sim.DevSimulation;
import io.cipherocto.node.sim.SimSettings;
import java.nio.file.Path;
import java.util.Set;
import org.web3j.crypto.Credentials;

/**
 * {@code octo start-dev}: embedded PostgreSQL, a local anvil chain and the deployed suite (all kept under
 * {@code .octo-dev/} and reused; {@code --fresh} wipes them), then every service in this process. With
 * {@code --simulate}, a simulated network (providers, requesters, a cheater, DAO members) drives the node once it is
 * ready ({@link DevSimulation}; knobs {@code -Docto.sim.*}, see {@link SimSettings}).
 */
public final class StartDevCommand {
    private StartDevCommand() {
    }

    public static int run(String[] args) {
        Args a;
        try {
            a = new Args(args, Set.of("--fresh", "--simulate"), Set.of("--dev-dir", "--port"));
        } catch (Args.UsageException e) {
            System.err.println("octo start-dev: " + e.getMessage());
            return 2;
        }
        Path devDir = a.value("--dev-dir").map(Path::of)
                .orElseGet(() -> OctoHome.find().orElse(Path.of("")).resolve(".octo-dev"));
        int port = Integer.parseInt(a.value("--port").orElse(NodeSettings.HTTP_PORT.value().orElse("8080")));
        SimSettings simSettings = null;
        if (a.flag("--simulate")) {
            try {
                simSettings = SimSettings.fromSystemProperties();
            } catch (IllegalArgumentException e) {
                System.err.println("octo start-dev: --simulate: " + e.getMessage());
                return 2;
            }
        }
        long started = System.nanoTime();
        // One start-dev per dev directory: a live one is never disturbed; what a killed one left running (anvil,
        // PostgreSQL) is stopped by DevEnvironment.start before it starts its own.
        Path nodePid = devDir.resolve("node.pid");
        java.util.Optional<ProcessHandle> other = io.cipherocto.contracts.devnet.StaleProcess.pid(nodePid)
                .filter(pid -> pid != ProcessHandle.current().pid()).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive).filter(p -> p.info().command().map(c -> c.contains("java")).orElse(false));
        if (other.isPresent()) {
            System.err.println("octo start-dev: another start-dev (pid " + other.get().pid() + ") is running on " + devDir
                    + "; stop it first, or use --dev-dir for a second environment");
            return 1;
        }
        try {
            java.nio.file.Files.createDirectories(devDir);
        } catch (java.io.IOException e) {
            System.err.println("octo start-dev: cannot create " + devDir + ": " + e.getMessage());
            return 1;
        }
        DevEnvironment env = DevEnvironment.start(devDir, a.flag("--fresh"), s -> System.out.println("[octo] " + s));
        io.cipherocto.contracts.devnet.StaleProcess.write(nodePid, ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(env::close, "octo-dev-shutdown"));
        NodeSettings.RPC_URL.set(env.anvil().rpcUrl());
        NodeSettings.DB_URL.set(env.database().reactiveUrl());
        NodeSettings.DB_USER.set("postgres");
        NodeSettings.DB_PASSWORD.set("postgres");
        NodeSettings.MANIFEST.set(env.manifestPath().toString());
        NodeSettings.HTTP_PORT.set(String.valueOf(port));
        // so that `octo audit` (and other commands) find this environment from the same checkout
        new DevEndpoints(env.anvil().rpcUrl(), env.database().reactiveUrl(), env.manifestPath().toString()).write(devDir);
        devKey("octo.verifier.key", DevEnvironment.VERIFIER_ACCOUNT);
        devKey("octo.governance.relayer-key", DevEnvironment.RELAYER_ACCOUNT);
        devKey("octo.settlement.operator-key", DevEnvironment.SETTLEMENT_ACCOUNT);
        if (System.getProperty("octo.settlement.bundle-dir") == null) {
            // each settled epoch's public bundle, ready for octo audit verify-epoch N --bundle FILE
            System.setProperty("octo.settlement.bundle-dir", devDir.resolve("bundles").toString());
        }
        if (System.getProperty("octo.webhooks.allow-private-targets") == null) {
            // development receivers listen on localhost; a production node refuses private and local targets
            System.setProperty("octo.webhooks.allow-private-targets", "true");
        }
        if (System.getProperty("octo.webhooks.confirmations") == null) {
            // anvil does not reorganise: announce events at the head
            System.setProperty("octo.webhooks.confirmations", "0");
        }
        if (simSettings != null && System.getProperty("octo.settlement.attestation-deadline") == null) {
            // simulated epochs are 20 s: do not wait 10 minutes for a missing verdict
            System.setProperty("octo.settlement.attestation-deadline", "PT30S");
        }
        printBanner(env, port, (System.nanoTime() - started) / 1_000_000);
        if (simSettings != null) {
            // waits on its own daemon thread until the node is ready
            new DevSimulation(env.manifest(), env.anvil(), "http://localhost:" + port, simSettings, System.out).start();
        }
        return NodeApplication.launch(new String[0]);
    }

    /** Service keys are anvil's public dev keys unless set otherwise. */
    private static void devKey(String setting, int account) {
        if (System.getProperty(setting) == null) {
            System.setProperty(setting, DevAccounts.PRIVATE_KEYS.get(account));
        }
    }

    private static void printBanner(DevEnvironment env, int port, long millis) {
        DeploymentManifest m = env.manifest();
        String base = "http://localhost:" + port;
        StringBuilder b = new StringBuilder();
        b.append("\n[octo] dev environment ready in ").append(millis).append(" ms\n");
        b.append("  API          ").append(base).append("/api/v1\n");
        b.append("  Swagger UI   ").append(base).append("/q/swagger-ui\n");
        b.append("  OpenAPI      ").append(base).append("/q/openapi\n");
        b.append("  Health       ").append(base).append("/q/health/ready\n");
        b.append("  Metrics      ").append(base).append("/q/metrics\n");
        b.append("  Chain (RPC)  ").append(env.anvil().rpcUrl()).append("  chain id ").append(m.chainId()).append('\n');
        b.append("  PostgreSQL   ").append(env.database().jdbcUrl()).append("  user postgres / postgres\n");
        b.append("  Manifest     ").append(env.manifestPath()).append('\n');
        b.append("  Contracts\n");
        m.contracts().forEach((k, v) -> b.append(String.format("    %-26s %s%n", k, v)));
        b.append("  Dev accounts (anvil's public test keys: never use them elsewhere)\n");
        for (int i = 0; i < DevAccounts.PRIVATE_KEYS.size(); i++) {
            Credentials c = DevAccounts.get(i);
            String role = switch (i) {
                case 0 -> "deployer, guardian; holds the initial OCTO and role tokens";
                case DevEnvironment.RELAYER_ACCOUNT -> "governance relayer (octo.governance.relayer-key)";
                case DevEnvironment.SETTLEMENT_ACCOUNT -> "settlement operator (octo.settlement.operator-key)";
                case DevEnvironment.VERIFIER_ACCOUNT -> "verifier (octo.verifier.key)";
                default -> "funded with ETH";
            };
            b.append(String.format("    #%d %s %s  %s%n", i, c.getAddress(), DevAccounts.PRIVATE_KEYS.get(i), role));
        }
        System.out.println(b);
    }
}
