package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.settlement.audit.AuditReport;
import io.cipherocto.settlement.audit.AuditVerifier;
import io.cipherocto.settlement.chain.SettlementChain;
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
 * {@code .octo-dev/endpoints.json}, see {@link DevEndpoints}). Exit 0 only on a match; 1 on a mismatch; 2 on bad usage or missing settings.
 */
public final class AuditCommand {
    private AuditCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("verify-epoch")) {
            err.println("usage: octo audit verify-epoch N");
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
        Path devDir = io.cipherocto.contracts.devnet.OctoHome.find().orElse(Path.of("")).resolve(".octo-dev");
        DevEndpoints.fillUnsetSettings(devDir).ifPresent(f -> err.println("octo audit: using the dev environment of "
                + "./octo start-dev (" + f + ")"));
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
}
