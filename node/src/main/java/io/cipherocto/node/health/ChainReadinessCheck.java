package io.cipherocto.node.health;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Ready when the JSON-RPC endpoint answers with the chain id the deployment manifest was written for. */
@Readiness
@ApplicationScoped
public class ChainReadinessCheck implements HealthCheck {
    @ConfigProperty(name = "octo.rpc-url")
    Optional<String> rpcUrl;

    @ConfigProperty(name = "octo.manifest")
    Optional<String> manifestPath;

    private volatile Web3j web3j;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("chain");
        if (rpcUrl.isEmpty()) {
            return r.down().withData("reason", "octo.rpc-url is not set").build();
        }
        try {
            Web3j w = client();
            BigInteger chainId = w.ethChainId().send().getChainId();
            BigInteger head = w.ethBlockNumber().send().getBlockNumber();
            r.withData("chainId", chainId.longValue()).withData("head", head.longValue());
            if (manifestPath.isPresent()) {
                DeploymentManifest m = DeploymentManifest.read(Path.of(manifestPath.get()));
                if (m.chainId() != chainId.longValue()) {
                    return r.down().withData("reason", "manifest is for chain " + m.chainId()).build();
                }
            }
            return r.up().build();
        } catch (Exception e) {
            return r.down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

    private Web3j client() {
        if (web3j == null) {
            web3j = Web3j.build(new HttpService(rpcUrl.orElseThrow()));
        }
        return web3j;
    }
}
