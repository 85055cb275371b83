package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.settlement.audit.AuditReport;
import io.cipherocto.settlement.audit.AuditVerifier;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.settlement.bundle.BundleReport;
import io.cipherocto.settlement.bundle.BundleVerifier;
import io.cipherocto.settlement.bundle.EpochBundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code octo audit verify-epoch N}: recomputes epoch N from the stored receipts, attestations and chain data and
 * compares the root with the one on chain (settings as for {@code octo start}: {@code octo.rpc-url}, {@code octo.db.*},
 * {@code octo.manifest}; in a dev checkout, unset ones come from the running start-dev's
 * {@code .octo-dev/endpoints.json}, see {@link DevEndpoints}).
 *
 * <p>{@code octo audit verify-epoch N --bundle FILE|URL [--rpc URL] [--manifest FILE]}: recomputes the epoch from its
 * public bundle and the chain alone, with no database and no node ({@link BundleVerifier}); prints the first
 * difference. The contract addresses come from {@code --manifest} (or the dev environment's), else from the bundle
 * itself (said so on stderr: then only the chain's answers for those addresses are checked).
 *
 * <p>Exit 0 only on a match; 1 on a mismatch; 2 on bad usage, missing settings or an unreadable bundle.
 */
public final class AuditCommand {
    private static final String USAGE = "usage: octo audit verify-epoch N [--bundle FILE|URL] [--rpc URL] [--manifest FILE]";

    private AuditCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !args[0].equals("verify-epoch")) {
            err.println(USAGE);
            return 2;
        }
        long epoch;
        try {
            epoch = Long.parseLong(args[1]);
            if (epoch < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("octo audit: epoch must be a non-negative integer, got '" + args[1] + "'");
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!List.of("--bundle", "--rpc", "--manifest").contains(args[i]) || i + 1 >= args.length) {
                err.println("octo audit: unknown or incomplete option '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        if (options.containsKey("--rpc")) {
            NodeSettings.RPC_URL.set(options.get("--rpc"));
        }
        if (options.containsKey("--manifest")) {
            NodeSettings.MANIFEST.set(options.get("--manifest"));
        }
        Path devDir = io.cipherocto.contracts.devnet.OctoHome.find().orElse(Path.of("")).resolve(".octo-dev");
        DevEndpoints.fillUnsetSettings(devDir).ifPresent(f -> err.println("octo audit: using the dev environment of "
                + "./octo start-dev (" + f + ")"));
        if (options.containsKey("--bundle")) {
            return verifyBundle(epoch, options.get("--bundle"), out, err);
        }
        for (NodeSettings s : List.of(NodeSettings.RPC_URL, NodeSettings.DB_URL, NodeSettings.MANIFEST)) {
            if (s.value().isEmpty()) {
                err.println("octo audit: missing setting " + s.describe() + " (in a dev checkout, start ./octo start-dev "
                        + "first: it writes " + devDir.resolve(DevEndpoints.FILE) + ")");
                return 2;
            }
        }
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
        Vertx vertx = Vertx.vertx();
        Web3j web3j = Web3j.build(new HttpService(NodeSettings.RPC_URL.value().orElseThrow()));
        Pool pool = null;
        try {
            DeploymentManifest manifest = DeploymentManifest.read(Path.of(NodeSettings.MANIFEST.value().orElseThrow()));
            pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                    .connectingTo(PgConnectOptions.fromUri(NodeSettings.DB_URL.value().orElseThrow())
                            .setUser(NodeSettings.DB_USER.value().orElse("postgres"))
                            .setPassword(NodeSettings.DB_PASSWORD.value().orElse("postgres")))
                    .using(vertx.getDelegate()).build());
            AuditReport report = AuditVerifier.over(new SettlementChain(web3j, manifest), pool).verifyEpoch(epoch);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            out.println(report.match() ? "epoch " + epoch + ": MATCH" : "epoch " + epoch + ": MISMATCH");
            return report.match() ? 0 : 1;
        } catch (Exception e) {
            err.println("octo audit: " + e.getMessage());
            return 2;
        } finally {
            if (pool != null) {
                pool.closeAndAwait();
            }
            web3j.shutdown();
            vertx.closeAndAwait();
        }
    }

    /** The offline check: the bundle and the chain, nothing else. */
    static int verifyBundle(long epoch, String source, PrintStream out, PrintStream err) {
        if (NodeSettings.RPC_URL.value().isEmpty()) {
            err.println("octo audit: --bundle needs the chain: --rpc URL (or " + NodeSettings.RPC_URL.describe() + ")");
            return 2;
        }
        byte[] bytes;
        try {
            bytes = read(source);
        } catch (IOException e) {
            err.println("octo audit: cannot read the bundle " + source + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        Web3j web3j = Web3j.build(new HttpService(NodeSettings.RPC_URL.value().orElseThrow()));
        try {
            EpochBundle bundle;
            try {
                bundle = EpochBundle.parse(bytes);
            } catch (IllegalArgumentException e) {
                err.println("octo audit: " + source + " is not an epoch bundle: " + e.getMessage());
                return 2;
            }
            DeploymentManifest manifest;
            if (NodeSettings.MANIFEST.value().isPresent()) {
                manifest = DeploymentManifest.read(Path.of(NodeSettings.MANIFEST.value().get()));
                for (String[] c : new String[][] {{DeploymentManifest.REWARDS, bundle.contracts().rewardDistributor()},
                        {DeploymentManifest.ATTESTATIONS, bundle.contracts().attestationRegistry()},
                        {DeploymentManifest.ESCROW, bundle.contracts().paymentEscrow()}}) {
                    if (!manifest.address(c[0]).equalsIgnoreCase(c[1])) {
                        out.println("epoch " + epoch + ": MISMATCH: the bundle names " + c[0] + " " + c[1] + ", the manifest "
                                + manifest.address(c[0]));
                        return 1;
                    }
                }
            } else {
                err.println("octo audit: no manifest given: trusting the contract addresses the bundle names "
                        + "(pass --manifest FILE to check them)");
                manifest = new DeploymentManifest(bundle.chainId(), 0, "0x" + "0".repeat(40), Map.of(
                        DeploymentManifest.REWARDS, bundle.contracts().rewardDistributor(),
                        DeploymentManifest.ATTESTATIONS, bundle.contracts().attestationRegistry(),
                        DeploymentManifest.ESCROW, bundle.contracts().paymentEscrow(),
                        DeploymentManifest.STAKING, "0x" + "0".repeat(40)), List.of(), 0, 1, true);
            }
            err.println("octo audit: epoch " + epoch + ": " + bundle.receipts().size() + " receipts; checking against "
                    + NodeSettings.RPC_URL.value().get());
            BundleReport report = new BundleVerifier(new SettlementChain(web3j, manifest), SignatureRecoveries.best())
                    .verify(epoch, bytes);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            out.println(report.match() ? "epoch " + epoch + ": MATCH (bundle " + report.bundleHash() + ")"
                    : "epoch " + epoch + ": MISMATCH: " + report.firstDifference());
            return report.match() ? 0 : 1;
        } catch (Exception e) {
            err.println("octo audit: " + e.getMessage());
            return 2;
        } finally {
            web3j.shutdown();
        }
    }

    /**
     * The largest bundle this check takes: {@link BundleVerifier} holds the bundle in one {@code byte[]}, and a Java
     * array has at most about 2 GiB (an epoch of about 3,000,000 receipts). A larger one is refused with that reason
     * before anything is read, instead of failing inside the JVM.
     */
    static final long MAX_BUNDLE_BYTES = Integer.MAX_VALUE - 8;

    private static byte[] read(String source) throws IOException, InterruptedException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofMinutes(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + ": "
                            + new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8));
                }
                java.util.OptionalLong length = r.headers().firstValueAsLong("content-length");
                if (length.isPresent()) {
                    checkSize(length.getAsLong());
                }
                byte[] bytes = in.readNBytes((int) MAX_BUNDLE_BYTES);
                if (in.read() != -1) {
                    checkSize(MAX_BUNDLE_BYTES + 1);
                }
                return bytes;
            }
        }
        Path path = Path.of(source);
        checkSize(Files.size(path));
        return Files.readAllBytes(path);
    }

    private static void checkSize(long bytes) throws IOException {
        if (bytes > MAX_BUNDLE_BYTES) {
            throw new IOException(String.format("it has %,d bytes, more than the %,d this check can hold (it reads the bundle "
                    + "into memory: about 3,000,000 receipts at most); a larger epoch cannot be checked from its bundle yet "
                    + "(docs/settlement.md, known limits)", bytes, MAX_BUNDLE_BYTES));
        }
    }
}
