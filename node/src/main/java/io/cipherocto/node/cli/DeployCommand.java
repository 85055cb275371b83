package io.cipherocto.node.cli;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code octo deploy --rpc URL --key-env VAR [--config FILE] [--manifest FILE]}: deploys and wires the suite on any
 * JSON-RPC chain. The deployer key is read from the named environment variable and never printed. Safe to re-run.
 */
public final class DeployCommand {
    private DeployCommand() {
    }

    public static int run(String[] args) {
        try {
            Args a = new Args(args, Set.of("--dev"), Set.of("--rpc", "--key-env", "--config", "--manifest"));
            String rpc = a.required("--rpc");
            String keyEnv = a.required("--key-env");
            String key = System.getenv(keyEnv);
            if (key == null || key.isBlank()) {
                throw new Args.UsageException("environment variable " + keyEnv + " (deployer private key) is not set");
            }
            DeploymentConfig config = a.value("--config").isPresent()
                    ? DeploymentConfig.read(Path.of(a.value("--config").get())) : DeploymentConfig.defaults();
            if (a.flag("--dev")) {
                config.dev = true;
            }
            Path manifest = Path.of(a.value("--manifest").orElse("deployment.json"));
            Web3j web3j = Web3j.build(new HttpService(rpc));
            try {
                DeploymentManifest m = new SuiteDeployer(Chain.connect(web3j, Credentials.create(key)), config, manifest).deploy();
                System.out.println("deployed on chain " + m.chainId() + "; manifest " + manifest.toAbsolutePath());
                m.contracts().forEach((k, v) -> System.out.printf("  %-26s %s%n", k, v));
                return 0;
            } finally {
                web3j.shutdown();
            }
        } catch (Args.UsageException e) {
            System.err.println("octo deploy: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("octo deploy: " + e.getMessage());
            return 1;
        }
    }
}
