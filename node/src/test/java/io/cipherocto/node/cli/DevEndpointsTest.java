package io.cipherocto.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands find a running start-dev through .octo-dev/endpoints.json, and never override a setting given explicitly. */
class DevEndpointsTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        for (NodeSettings s : NodeSettings.values()) {
            System.clearProperty(s.key());
        }
    }

    @Test
    void write_thenRead_givesTheSameEndpoints() {
        DevEndpoints e = new DevEndpoints("http://127.0.0.1:34567", "postgresql://localhost:5433/postgres", "/x/deployment.json");
        e.write(dir);
        assertThat(DevEndpoints.read(dir)).contains(e);
    }

    @Test
    void read_isEmpty_whenStartDevNeverRanThere() {
        assertThat(DevEndpoints.read(dir)).isEmpty();
    }

    @Test
    void read_isEmpty_whenTheFileIsIncompleteOrNotJson() throws Exception {
        Files.writeString(dir.resolve(DevEndpoints.FILE), "{\"rpcUrl\":\"http://x\"}");
        assertThat(DevEndpoints.read(dir)).isEmpty();
        Files.writeString(dir.resolve(DevEndpoints.FILE), "not json");
        assertThat(DevEndpoints.read(dir)).isEmpty();
    }

    @Test
    void fillUnsetSettings_fillsOnlyWhatIsMissing() {
        new DevEndpoints("http://127.0.0.1:34567", "postgresql://localhost:5433/postgres", "/x/deployment.json").write(dir);
        NodeSettings.RPC_URL.set("http://explicit:8545");
        assertThat(DevEndpoints.fillUnsetSettings(dir)).contains(dir.resolve(DevEndpoints.FILE));
        assertThat(NodeSettings.RPC_URL.value()).contains("http://explicit:8545");
        assertThat(NodeSettings.DB_URL.value()).contains("postgresql://localhost:5433/postgres");
        assertThat(NodeSettings.MANIFEST.value()).contains("/x/deployment.json");
    }

    @Test
    void fillUnsetSettings_doesNothing_whenEverythingIsSet() {
        new DevEndpoints("http://127.0.0.1:34567", "postgresql://localhost:5433/postgres", "/x/deployment.json").write(dir);
        NodeSettings.RPC_URL.set("http://a");
        NodeSettings.DB_URL.set("postgresql://b/c");
        NodeSettings.MANIFEST.set("m.json");
        assertThat(DevEndpoints.fillUnsetSettings(dir)).isEmpty();
        assertThat(NodeSettings.MANIFEST.value()).contains("m.json");
    }
}
