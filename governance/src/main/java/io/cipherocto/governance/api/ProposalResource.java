package io.cipherocto.governance.api;

import io.cipherocto.chain.events.EventCursor;
import io.cipherocto.chain.events.IndexerUnavailableException;
import io.cipherocto.chain.events.ProposalWindow;
import io.cipherocto.governance.chain.Head;
import io.cipherocto.governance.chain.ProposalState;
import io.cipherocto.governance.indexed.IndexedProposals;
import io.cipherocto.governance.query.GovernanceQueries;
import io.cipherocto.governance.query.IndexedProposalViews;
import io.cipherocto.platform.api.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Proposals: the list from the indexed governor events (state and tallies derived from indexed events and the head
 * block, {@link io.cipherocto.governance.query.IndexedProposalViews}); one proposal from the governor's own views; votes
 * from the indexed events.
 */
@Path("/api/v1/governance/proposals")
@Tag(name = "governance")
@Produces(MediaType.APPLICATION_JSON)
public class ProposalResource {
    /** The state filter's values: the governor's own names ({@link io.cipherocto.governance.chain.ProposalState}). */
    static final Set<String> STATES = java.util.Arrays.stream(io.cipherocto.governance.chain.ProposalState.values())
            .map(Enum::name).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    private static final int MAX_SCAN = 1_000;
    /** Proposals read per query after a state filter's first batch (twice the page size). */
    private static final int MAX_BATCH = 200;

    @Inject
    GovernanceQueries queries;

    @Inject
    IndexedProposals indexed;

    @Inject
    IndexedProposalViews indexedViews;

    /** A page of proposals. */
    public record ProposalPage(List<ProposalDetail> proposals, int page, int size, Long total, String next) {}

    /** The votes counted for a proposal. */
    public record ProposalVotes(String proposalId, List<IndexedProposals.Vote> votes) {}

    @GET
    @Operation(summary = "Proposals, newest first, optionally only those in one state (as the governor defines it); "
            + "keyset pages: before= (empty for the first page), then the answer's next")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProposalPage.class)))
    @APIResponse(responseCode = "400", description = "invalid_field: unknown state, negative page, size outside 1..100; "
            + "invalid_cursor: before is not the next of a previous page")
    @APIResponse(responseCode = "503", description = "indexer_unavailable: the chain-indexer's tables are not in the database")
    public ProposalPage list(@QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size, @QueryParam("before") String before) {
        if (state != null && !STATES.contains(state)) {
            throw ApiException.badRequest("invalid_field", "state must be one of " + STATES);
        }
        if (page < 0 || size < 1 || size > 100) {
            throw ApiException.badRequest("invalid_field", "page must be >= 0 and size 1..100");
        }
        if (before != null) {
            if (page != 0) {
                throw ApiException.badRequest("invalid_field", "before= and page= do not mix: keyset pages start at page 0");
            }
            return keyset(state, size, Optional.of(before).filter(b -> !b.isEmpty()).map(b -> EventCursor
                    .parse(b).orElseThrow(() -> ApiException.badRequest("invalid_cursor",
                            "before must be the next of a previous page: <blockNumber>-<logIndex>"))));
        }
        int offset = io.cipherocto.platform.api.Paging.offset(page, size);
        if (state == null) {
            List<IndexedProposals.Created> created = indexed.proposals(offset, size);
            return new ProposalPage(details(created), page, size, indexed.count(), created.size() == size
                    ? created.get(created.size() - 1).cursor().text() : null);
        }
        Head head = indexedViews.head();
        List<ProposalDetail> matching = new ArrayList<>();
        for (ProposalDetail d : details(indexed.proposals(0, MAX_SCAN, window(state, head)), head)) {
            if (d.state().equals(state)) {
                matching.add(d);
            }
        }
        int from = Math.min(matching.size(), offset);
        return new ProposalPage(matching.subList(from, Math.min(matching.size(), from + size)), page, size, (long) matching.size(),
                null);
    }

    /**
     * A keyset page, newest first, from the cursor on: without a state, the next {@code size} proposals; with one, the
     * next {@code size} in that state among at most {@link #MAX_SCAN} proposals read, where the indexer's query reads
     * only proposals whose voting window allows that state ({@link IndexedProposalViews#window}). {@code next} continues
     * where this page stopped reading (null at the oldest proposal), so a deep page costs the same as the first.
     */
    private ProposalPage keyset(String state, int size, Optional<EventCursor> before) {
        Head head = indexedViews.head();
        ProposalWindow window = state == null ? ProposalWindow.ANY : window(state, head);
        List<ProposalDetail> out = new ArrayList<>();
        Optional<EventCursor> cursor = before;
        int scanned = 0;
        int batch = state == null ? size : Math.min(MAX_BATCH, 2 * size);
        while (true) {
            List<IndexedProposals.Created> created = indexed.proposalsBefore(cursor, batch, window);
            List<ProposalDetail> details = details(created, head);
            for (int i = 0; i < created.size(); i++) {
                cursor = Optional.of(created.get(i).cursor());
                scanned++;
                if (state == null || details.get(i).state().equals(state)) {
                    out.add(details.get(i));
                    if (out.size() == size) {
                        return new ProposalPage(out, 0, size, null, cursor.get().text());
                    }
                }
            }
            if (created.size() < batch) {
                return new ProposalPage(out, 0, size, null, null);
            }
            if (scanned >= MAX_SCAN) {
                return new ProposalPage(out, 0, size, null, cursor.map(EventCursor::text).orElse(null));
            }
            batch = MAX_BATCH;
        }
    }

    private static ProposalWindow window(String state, Head head) {
        return IndexedProposalViews.window(ProposalState.valueOf(state), head.timestamp());
    }

    /** Views from the indexed events and one head read (no governor call per proposal). */
    private List<ProposalDetail> details(List<IndexedProposals.Created> created) {
        return details(created, indexedViews.head());
    }

    /** Views from the indexed events as of {@code head}. */
    private List<ProposalDetail> details(List<IndexedProposals.Created> created, Head head) {
        List<ProposalView> views = indexedViews.views(created, head);
        List<ProposalDetail> out = new ArrayList<>(created.size());
        for (int i = 0; i < created.size(); i++) {
            out.add(ProposalDetail.of(views.get(i), Optional.of(created.get(i))));
        }
        return out;
    }

    @GET
    @Path("/{proposalId}")
    @Operation(summary = "State, snapshot, deadline, tallies, quorum and ETA of a proposal from the governor; description "
            + "and decoded actions from its indexed ProposalCreated event")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProposalDetail.class),
            examples = @ExampleObject(name = "active", value = "{\"proposalId\":\"4869...931\",\"state\":\"Active\","
                    + "\"snapshot\":1763702411,\"deadline\":1763702711,\"proposer\":\"0x90f79bf6eb2c4f870365e785982e1f101e93b906\","
                    + "\"votes\":{\"against\":\"0\",\"for\":\"100000000000\",\"abstain\":\"0\"},"
                    + "\"quorum\":\"12000000000\",\"eta\":null,\"block\":57,\"description\":\"Raise the sampling rate\","
                    + "\"actions\":[{\"target\":\"0xa51c...\",\"value\":\"0\",\"calldata\":\"0x...\",\"decoded\":{\"contract\":"
                    + "\"AttestationRegistry\",\"signature\":\"setSamplingRate(uint256)\",\"arguments\":{\"samplingRateWad_\":"
                    + "\"100000000000000000\"}}}],\"createdBlock\":50,\"createdTx\":\"0x...\"}")))
    @APIResponse(responseCode = "400", description = "invalid_field: the id is not a decimal uint256")
    @APIResponse(responseCode = "404", description = "unknown_proposal")
    public ProposalDetail get(@PathParam("proposalId") String proposalId) {
        BigInteger id = Ids.proposalId(proposalId, "proposalId");
        ProposalView v = queries.proposal(id);
        return ProposalDetail.of(v, indexed(id));
    }

    @GET
    @Path("/{proposalId}/votes")
    @Operation(summary = "Who voted what with which power, with transaction hashes (from the indexed VoteCast events)")
    @APIResponse(responseCode = "404", description = "unknown_proposal")
    @APIResponse(responseCode = "503", description = "indexer_unavailable: the chain-indexer's tables are not in the database")
    public ProposalVotes votes(@PathParam("proposalId") String proposalId) {
        BigInteger id = Ids.proposalId(proposalId, "proposalId");
        queries.proposal(id); // 404 when the governor does not know it
        return new ProposalVotes(id.toString(), indexed.votes(id));
    }

    private Optional<IndexedProposals.Created> indexed(BigInteger id) {
        try {
            return indexed.proposal(id);
        } catch (IndexerUnavailableException e) {
            return Optional.empty(); // the indexer's tables are not there (no indexer migrations): governor data only
        }
    }
}
