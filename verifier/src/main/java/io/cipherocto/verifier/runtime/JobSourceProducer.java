package io.cipherocto.verifier.runtime;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.platform.chain.ChainAccess;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.verifier.spec.SpecStore;
import io.quarkus.arc.DefaultBean;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The verifier's jobs come from settlement's public jobs API ({@code octo.verifier.jobs-url}; by default this node's
 * own HTTP port, for a node that runs settlement too), checked against the receipts roots committed on chain. A
 * default bean: a test may produce another source.
 */
@ApplicationScoped
public class JobSourceProducer {
    /** Base URL of a node serving {@code GET /api/v1/epochs/{n}/jobs} and {@code GET /api/v1/specs/{hash}}. */
    @ConfigProperty(name = "octo.verifier.jobs-url")
    Optional<String> jobsUrl;

    @ConfigProperty(name = "octo.verifier.jobs-timeout", defaultValue = "60s")
    Duration timeout;

    @Produces
    @DefaultBean
    @ApplicationScoped
    JobSource jobs(Pool pool, ChainAccess chain) {
        return new ApiJobSource(this::baseUrl, new SpecStore(pool), epoch -> committedRoot(chain, epoch), timeout);
    }

    private String baseUrl() {
        String url = jobsUrl.map(String::trim).filter(s -> !s.isEmpty()).orElseGet(io.cipherocto.platform.OwnUrl::get);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Optional<String> committedRoot(ChainAccess chain, long epoch) {
        try {
            AttestationRegistry registry = AttestationRegistry.load(chain.manifest().address(DeploymentManifest.ATTESTATIONS),
                    chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), null), new DefaultGasProvider());
            var c = registry.epochCommitment(BigInteger.valueOf(epoch)).send();
            if (c.committedBlock.signum() == 0) {
                return Optional.empty();
            }
            return Optional.of(Hex.encode(c.receiptsRoot));
        } catch (Exception e) {
            throw new IllegalStateException("epochCommitment(" + epoch + "): " + e.getMessage(), e);
        }
    }
}
