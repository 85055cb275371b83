package io.cipherocto.governance.api;

import io.cipherocto.platform.api.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a POST /api/v1/governance/votes whose Content-Length exceeds {@code octo.governance.max-body-bytes} with
 * 413 {@code body_too_large} before its body is read. (Bodies without a length are checked after reading.)
 */
public class BodyLimitFilter {
    private volatile int max = -1;

    /** Read on first use: filters are created before runtime configuration mappings are available. */
    private int max() {
        int m = max;
        if (m < 0) {
            m = ConfigProvider.getConfig().getOptionalValue("octo.governance.max-body-bytes", Integer.class).orElse(16_384);
            max = m;
        }
        return m;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limitBallotBody(ContainerRequestContext ctx) {
        if (!"POST".equals(ctx.getMethod()) || ctx.getLength() <= max()
                || !ctx.getUriInfo().getPath().startsWith("/api/v1/governance/votes")) {
            return Optional.empty();
        }
        return Optional.of(Response.status(413).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("body_too_large", "body exceeds " + max() + " bytes")).build());
    }
}
