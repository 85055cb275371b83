package io.cipherocto.platform;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The roles one node process can run (DESIGN.md section 4), chosen with {@code octo.roles} (env OCTO_ROLES, a
 * comma-separated list; all by default). API instances and verifiers scale out; the indexer and the settlement
 * writer take a PostgreSQL advisory lock per chain so that a second instance waits.
 */
public enum NodeRole {
    INDEXER,
    SETTLEMENT,
    GOVERNANCE,
    VERIFIER,
    /** The webhook dispatcher (module webhooks): one per database, under the advisory lock {@code octo.webhooks.dispatcher}. */
    WEBHOOKS;

    public static final String SETTING = "octo.roles";
    public static final String ALL = "indexer,settlement,governance,verifier,webhooks";

    /** Parses "indexer, governance"; throws IllegalArgumentException naming an unknown role. */
    public static Set<NodeRole> parse(String csv) {
        Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String part : csv.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                roles.add(valueOf(p.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SETTING + ": unknown role '" + p + "' (known: " + ALL + ")");
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " names no role (known: " + ALL + ")");
        }
        return roles;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
