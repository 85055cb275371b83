package io.cipherocto.contracts.devnet;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A local anvil chain started from the pinned npm package ({@code contracts/node_modules}) on a free port.
 * Used by the test harnesses and by {@code octo start-dev}. Closing it (or JVM exit, Ctrl-C included) stops the
 * process: no orphans.
 */
public final class AnvilNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AnvilNode.class);

    private final Process process;
    private final int port;
    private final HttpService http;
    private final Web3j web3j;
    private final Thread shutdownHook;

    private AnvilNode(Process process, int port) {
        this.process = process;
        this.port = port;
        this.http = new HttpService(rpcUrl());
        this.web3j = Web3j.build(http);
        this.shutdownHook = new Thread(this::stopProcess, "anvil-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts anvil with chain id 31337, the default dev accounts and automining. */
    public static AnvilNode start() {
        return start(new Options());
    }

    public static AnvilNode start(Options options) {
        Objects.requireNonNull(options, "options");
        Path binary = binary();
        int port = options.port > 0 ? options.port : freePort();
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port), "--host",
                "127.0.0.1", "--chain-id", String.valueOf(options.chainId), "--accounts", "10", "--balance",
                "1000000", "--silent", "--gas-limit", "60000000"));
        if (options.blockTimeSeconds > 0) {
            cmd.addAll(List.of("--block-time", String.valueOf(options.blockTimeSeconds)));
        }
        if (options.noMining) {
            cmd.add("--no-mining");
        }
        Path pidFile = null;
        if (options.statePath != null) {
            cmd.addAll(List.of("--state", options.statePath.toString()));
            // recorded so that the owner of the state (DevEnvironment) can stop an anvil a killed node left running
            pidFile = options.statePath.resolveSibling("anvil.pid");
        }
        cmd.addAll(options.extraArgs);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (pidFile != null) {
                StaleProcess.write(pidFile, p.pid());
            }
            AnvilNode node = new AnvilNode(p, port);
            node.awaitReady(Duration.ofSeconds(20));
            LOG.infof("anvil %s on %s (chain id %d)", binary, node.rpcUrl(), options.chainId);
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start anvil from " + binary, e);
        }
    }

    /** The native anvil binary shipped in the npm package (no node wrapper, so stopping it stops the chain). */
    public static Path binary() {
        Path nm = OctoHome.require().resolve("contracts").resolve("node_modules").resolve("@foundry-rs");
        String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "amd64";
        String os = System.getProperty("os.name").toLowerCase().contains("mac") ? "darwin" : "linux";
        Path p = nm.resolve("anvil-" + os + "-" + arch).resolve("bin").resolve("anvil");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("anvil not installed at " + p + ": run 'npm ci' in contracts/ (the build does it)");
        }
        return p;
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** Moves the clock by {@code seconds} and mines one block with it. */
    public void increaseTime(long seconds) {
        call("evm_increaseTime", List.of(seconds));
        mine();
    }

    public void mine() {
        call("evm_mine", List.of());
    }

    /** Mines {@code blocks} empty blocks at once. */
    public void mine(long blocks) {
        call("anvil_mine", List.of("0x" + Long.toHexString(blocks)));
    }

    public String snapshot() {
        return String.valueOf(call("evm_snapshot", List.of()).getResult());
    }

    public void revert(String snapshotId) {
        call("evm_revert", List.of(snapshotId));
    }

    public BigInteger blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a raw JSON-RPC call (anvil_*, evm_* methods) and fails on an RPC error. */
    public Response<?> call(String method, List<?> params) {
        try {
            Response<?> r = new Request<>(method, params, http, GenericResponse.class).send();
            if (r.hasError()) {
                throw new IllegalStateException(method + ": " + r.getError().getMessage());
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(method + " failed", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited at start (exit code " + process.exitValue() + ")");
            }
            try {
                web3j.ethChainId().send();
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        close();
        throw new IllegalStateException("anvil did not answer on " + rpcUrl() + " within " + timeout);
    }

    @Override
    public void close() {
        web3j.shutdown();
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // JVM already shutting down: the hook runs anyway.
        }
    }

    /** SIGTERM (anvil then writes its --state file), SIGKILL after 5 s. */
    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON-RPC response whose result is kept as parsed JSON. */
    public static final class GenericResponse extends Response<Object> {
    }

    /** Start options. */
    public static final class Options {
        private int port;
        private long chainId = 31337;
        private int blockTimeSeconds;
        private boolean noMining;
        private Path statePath;
        private final List<String> extraArgs = new ArrayList<>();

        public Options port(int port) {
            this.port = port;
            return this;
        }

        public Options chainId(long chainId) {
            this.chainId = chainId;
            return this;
        }

        public Options blockTimeSeconds(int seconds) {
            this.blockTimeSeconds = seconds;
            return this;
        }

        public Options noMining(boolean noMining) {
            this.noMining = noMining;
            return this;
        }

        /** Load and save the chain state at this file (kept across restarts of start-dev). */
        public Options statePath(Path statePath) {
            this.statePath = statePath;
            return this;
        }

        public Options extraArg(String arg) {
            extraArgs.add(arg);
            return this;
        }
    }
}
