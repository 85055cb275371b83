package io.cipherocto.platform.chain;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The chain this node works on: one web3j client for {@code octo.rpc-url} and the deployment manifest from
 * {@code octo.manifest}. Both are optional at boot so that health can report what is missing instead of crashing.
 */
@ApplicationScoped
public class ChainAccess {
    @ConfigProperty(name = "octo.rpc-url")
    Optional<String> rpcUrl;

    @ConfigProperty(name = "octo.manifest")
    Optional<String> manifestPath;

    private volatile Web3j web3j;
    private volatile DeploymentManifest manifest;

    public Optional<String> rpcUrl() {
        return rpcUrl;
    }

    /** The shared client; throws IllegalStateException naming the setting when none is configured. */
    public Web3j web3j() {
        Web3j w = web3j;
        if (w == null) {
            synchronized (this) {
                if (web3j == null) {
                    web3j = Web3j.build(new HttpService(rpcUrl.orElseThrow(
                            () -> new IllegalStateException("octo.rpc-url (env OCTO_RPC_URL) is not set"))));
                }
                w = web3j;
            }
        }
        return w;
    }

    /** The deployment manifest, read once; throws IllegalStateException naming the setting when none is set. */
    public DeploymentManifest manifest() {
        DeploymentManifest m = manifest;
        if (m == null) {
            String path = manifestPath.orElseThrow(
                    () -> new IllegalStateException("octo.manifest (env OCTO_MANIFEST) is not set"));
            try {
                m = DeploymentManifest.read(Path.of(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read deployment manifest " + path, e);
            }
            manifest = m;
        }
        return m;
    }

    public Optional<DeploymentManifest> findManifest() {
        try {
            return manifestPath.isPresent() ? Optional.of(manifest()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        if (web3j != null) {
            web3j.shutdown();
        }
    }
}
