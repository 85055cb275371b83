package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running {@code ./octo start-dev} can be reached: {@code .octo-dev/endpoints.json} holds the chain's JSON-RPC
 * URL, the PostgreSQL URL and the manifest path, written once the dev environment is up. Commands that need those
 * settings ({@code octo audit}) read it in a dev checkout when the settings are not given, so that the README's
 * commands work as written next to a running start-dev.
 */
public record DevEndpoints(String rpcUrl, String dbUrl, String manifest) {
    public static final String FILE = "endpoints.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the file into {@code devDir} (replacing an older one). */
    public void write(Path devDir) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rpcUrl", rpcUrl);
        o.put("dbUrl", dbUrl);
        o.put("manifest", manifest);
        try {
            Files.createDirectories(devDir);
            Path tmp = devDir.resolve(FILE + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), o);
            Files.move(tmp, devDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + devDir.resolve(FILE), e);
        }
    }

    /** The endpoints of {@code devDir}, or empty when start-dev never ran there. */
    public static Optional<DevEndpoints> read(Path devDir) {
        Path f = devDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode o = JSON.readTree(f.toFile());
            String rpc = o.path("rpcUrl").asText("");
            String db = o.path("dbUrl").asText("");
            String manifest = o.path("manifest").asText("");
            if (rpc.isEmpty() || db.isEmpty() || manifest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DevEndpoints(rpc, db, manifest));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Fills the unset node settings (rpc-url, db url/user/password, manifest) from the dev checkout's
     * {@code .octo-dev/endpoints.json}; returns the file used, or empty when nothing was filled.
     */
    public static Optional<Path> fillUnsetSettings(Path devDir) {
        if (NodeSettings.RPC_URL.value().isPresent() && NodeSettings.DB_URL.value().isPresent()
                && NodeSettings.MANIFEST.value().isPresent()) {
            return Optional.empty();
        }
        Optional<DevEndpoints> dev = read(devDir);
        if (dev.isEmpty()) {
            return Optional.empty();
        }
        if (NodeSettings.RPC_URL.value().isEmpty()) {
            NodeSettings.RPC_URL.set(dev.get().rpcUrl());
        }
        if (NodeSettings.DB_URL.value().isEmpty()) {
            NodeSettings.DB_URL.set(dev.get().dbUrl());
            NodeSettings.DB_USER.set("postgres");
            NodeSettings.DB_PASSWORD.set("postgres");
        }
        if (NodeSettings.MANIFEST.value().isEmpty()) {
            NodeSettings.MANIFEST.set(dev.get().manifest());
        }
        return Optional.of(devDir.resolve(FILE));
    }
}
