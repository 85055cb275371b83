package io.cipherocto.node.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code octo start} refuses to start and names the missing or inconsistent setting. */
class StartCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        for (NodeSettings s : NodeSettings.values()) {
            System.clearProperty(s.key());
        }
    }

    @Test
    void check_namesTheMissingRpcUrl() {
        NodeSettings.DB_URL.set("postgresql://localhost/octo");
        NodeSettings.MANIFEST.set("deployment.json");
        assertThatThrownBy(StartCommand::check).hasMessageContaining("missing setting octo.rpc-url (env OCTO_RPC_URL)");
    }

    @Test
    void check_namesAnUnreadableManifest() {
        NodeSettings.RPC_URL.set("http://localhost:8545");
        NodeSettings.DB_URL.set("postgresql://localhost/octo");
        NodeSettings.MANIFEST.set(dir.resolve("nope.json").toString());
        assertThatThrownBy(StartCommand::check).hasMessageContaining("setting octo.manifest: cannot read");
    }

    @Test
    void check_rejectsAnIncompleteDeployment() throws Exception {
        Path m = Files.writeString(dir.resolve("m.json"), """
            {"chainId":31337,"deployBlock":1,"deployer":"0x0000000000000000000000000000000000000001",
             "contracts":{},"roleTokens":[],"epochGenesisBlock":1,"epochLength":10,"complete":false}""");
        NodeSettings.RPC_URL.set("http://localhost:8545");
        NodeSettings.DB_URL.set("postgresql://localhost/octo");
        NodeSettings.MANIFEST.set(m.toString());
        assertThatThrownBy(StartCommand::check).hasMessageContaining("is not complete");
    }

    @Test
    void check_namesAnUnknownRole() {
        NodeSettings.RPC_URL.set("http://localhost:8545");
        NodeSettings.DB_URL.set("postgresql://localhost/octo");
        NodeSettings.MANIFEST.set("deployment.json");
        NodeSettings.ROLES.set("indexer,miner");
        assertThatThrownBy(StartCommand::check).hasMessageContaining("octo.roles: unknown role 'miner'");
    }
}
