package io.cipherocto.node.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The node's own settings, read the way Quarkus reads them (system property, else environment variable in upper
 * snake case), so the launcher can check them before booting. Reference: docs/operations.md.
 */
public enum NodeSettings {
    RPC_URL("octo.rpc-url", "JSON-RPC endpoint of the chain"),
    DB_URL("octo.db.url", "PostgreSQL URL, postgresql://host:port/database"),
    DB_USER("octo.db.user", "PostgreSQL user"),
    DB_PASSWORD("octo.db.password", "PostgreSQL password"),
    MANIFEST("octo.manifest", "deployment manifest written by 'octo deploy'"),
    HTTP_PORT("octo.http.port", "HTTP port of the API"),
    ROLES("octo.roles", "roles this process runs: indexer,settlement,governance,verifier,webhooks (all by default)");

    private final String key;
    private final String description;

    NodeSettings(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String env() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> value() {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            v = System.getenv(env());
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public void set(String value) {
        System.setProperty(key, value);
    }

    /** "octo.rpc-url (env OCTO_RPC_URL): JSON-RPC endpoint of the chain". */
    public String describe() {
        return key + " (env " + env() + "): " + description;
    }
}
