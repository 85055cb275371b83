package io.cipherocto.platform.api;

import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code octo.roles} decides which APIs a node serves, not only which workers it runs: a request for an API whose role
 * this node does not run is answered 404 {@code role_not_served}, naming the role, before any resource runs (a
 * verifier-only node accepts no receipts and no ballots). The API of each role, by path prefix, is listed once here.
 */
public class RoleApis {
    /** Path prefixes (under the API root) and the role that serves them; the first match wins. */
    static final List<Map.Entry<String, NodeRole>> PREFIXES = List.of(
            Map.entry("/api/v1/receipts", NodeRole.SETTLEMENT),
            Map.entry("/api/v1/vouchers", NodeRole.SETTLEMENT),
            Map.entry("/api/v1/epochs", NodeRole.SETTLEMENT),
            Map.entry("/api/v1/rewards", NodeRole.SETTLEMENT),
            Map.entry("/api/v1/attestations", NodeRole.SETTLEMENT),
            Map.entry("/api/v1/audit", NodeRole.SETTLEMENT),
            Map.entry("/api/v1/providers", NodeRole.SETTLEMENT),
            Map.entry("/api/v1/governance", NodeRole.GOVERNANCE),
            Map.entry("/api/v1/verifier", NodeRole.VERIFIER),
            Map.entry("/api/v1/specs", NodeRole.VERIFIER),
            Map.entry("/api/v1/webhooks", NodeRole.WEBHOOKS));

    @Inject
    NodeRoles roles;

    /** The role whose API {@code path} belongs to, if any (paths outside these prefixes belong to no role). */
    static Optional<NodeRole> roleOf(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        for (Map.Entry<String, NodeRole> e : PREFIXES) {
            if (p.equals(e.getKey()) || p.startsWith(e.getKey() + "/")) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseRolesNotServed(ContainerRequestContext request) {
        Optional<NodeRole> role = roleOf(request.getUriInfo().getPath());
        if (role.isEmpty() || roles.runs(role.get())) {
            return Optional.empty();
        }
        String runs = roles.all().stream().map(NodeRole::id).sorted().collect(Collectors.joining(","));
        return Optional.of(Response.status(404).type(MediaType.APPLICATION_JSON).entity(new ApiError("role_not_served",
                "this node does not run the " + role.get().id() + " role (" + NodeRole.SETTING + "=" + runs + ")")).build());
    }
}
