package io.cipherocto.node.cli;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.node.NodeApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code octo start}: the services against an external chain and PostgreSQL. Refuses to start, naming the setting,
 * when one is missing or the manifest cannot be read.
 */
public final class StartCommand {
    static final List<NodeSettings> REQUIRED = List.of(NodeSettings.RPC_URL, NodeSettings.DB_URL, NodeSettings.MANIFEST);

    private StartCommand() {
    }

    public static int run(String[] args) {
        try {
            Args a = new Args(args, Set.of(), Set.of("--roles"));
            a.value("--roles").ifPresent(NodeSettings.ROLES::set);
            check();
        } catch (Args.UsageException | IllegalStateException e) {
            System.err.println("octo start: " + e.getMessage());
            return 2;
        }
        return NodeApplication.launch(new String[0]);
    }

    /** Throws {@link IllegalStateException} naming the first missing or inconsistent setting. */
    static void check() {
        for (NodeSettings s : REQUIRED) {
            if (s.value().isEmpty()) {
                throw new IllegalStateException("missing setting " + s.describe());
            }
        }
        NodeSettings.ROLES.value().ifPresent(roles -> {
            try {
                io.cipherocto.platform.NodeRole.parse(roles);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("setting " + e.getMessage());
            }
        });
        Path manifest = Path.of(NodeSettings.MANIFEST.value().orElseThrow());
        try {
            DeploymentManifest m = DeploymentManifest.read(manifest);
            if (!m.complete()) {
                throw new IllegalStateException("setting " + NodeSettings.MANIFEST.key() + ": deployment in " + manifest
                        + " is not complete; re-run 'octo deploy'");
            }
        } catch (IOException e) {
            throw new IllegalStateException("setting " + NodeSettings.MANIFEST.key() + ": cannot read " + manifest + " ("
                    + e.getMessage() + ")");
        }
    }
}
