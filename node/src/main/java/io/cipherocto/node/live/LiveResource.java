package io.cipherocto.node.live;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/live}: server-sent events for new epochs, roots, claims, fail attestations, slashes, proposals and
 * votes, as they are indexed (docs/console.md lists the events and their data).
 */
@Path("/api/v1/live")
@Tag(name = "console")
public class LiveResource {
    @Inject
    LiveFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: epoch, root, claim, attestation, slash, proposal, vote (JSON data; id "
            + "<block>-<logIndex> for chain events, epoch-<n>-<status> for epochs)")
    @APIResponse(responseCode = "503", description = "too_many_subscribers (octo.live.max-subscribers)")
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        feed.subscribe(sink, sse);
    }
}
