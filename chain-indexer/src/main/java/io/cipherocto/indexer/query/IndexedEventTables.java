package io.cipherocto.indexer.query;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventCursor;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventPage;
import io.cipherocto.chain.events.EventQuery;
import io.cipherocto.chain.events.IndexedEvent;
import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.chain.events.IndexedProposal;
import io.cipherocto.chain.events.IndexedVote;
import io.cipherocto.indexer.abi.EventTables;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IndexedEvents} over the indexer's own tables (one per catalog event, {@link EventTables}). Table names come
 * from the catalog only, never from a caller's strings. The event pages are keyset-paginated on the tables' primary
 * key (block_number, log_index), so a page costs the same wherever it starts.
 */
@ApplicationScoped
public class IndexedEventTables implements IndexedEvents {
    private static final EventCatalog CATALOG = EventCatalog.suite();
    private static final String FAIL_ACCEPTED = table("AttestationRegistry", "FailAttestationAccepted");
    private static final String SLASH_EXECUTED = table("AttestationRegistry", "SlashExecuted");
    private static final String SLASH_CANCELLED = table("AttestationRegistry", "SlashCancelled");
    private static final String PROPOSAL_CREATED = table("OctoGovernor", "ProposalCreated");
    private static final String VOTE_CAST = table("OctoGovernor", "VoteCast");
    private static final String VOTE_CAST_WITH_PARAMS = table("OctoGovernor", "VoteCastWithParams");
    private static final String IN_CHAIN_ORDER = " ORDER BY block_number, log_index";

    private final TableReads reads;

    @Inject
    public IndexedEventTables(Pool pool) {
        this.reads = new TableReads(Objects.requireNonNull(pool, "pool"));
    }

    private static String table(String contractKind, String event) {
        EventDefinition d = Optional.ofNullable(CATALOG.of(contractKind).get(event)).orElseThrow(() ->
                new IllegalStateException(contractKind + "." + event + " is not in the suite's ABIs"));
        return EventTables.qualified(d);
    }

    @Override
    public EventPage events(EventQuery q) {
        EventDefinition d = q.event();
        if (!CATALOG.find(d.contractKind(), d.topic0()).filter(d::equals).isPresent()) {
            throw new IllegalArgumentException("not an event of the suite's catalog: " + d.contractKind() + "." + d.signature());
        }
        String range = "SELECT * FROM " + EventTables.qualified(d) + " WHERE block_number BETWEEN $1 AND $2";
        int fetch = q.limit() + 1; // one more than the page tells whether another page follows
        List<IndexedEvent> events = EventRows.events(q.after()
                .map(c -> reads.query(range + " AND (block_number, log_index) > ($3, $4)" + IN_CHAIN_ORDER + " LIMIT $5",
                        Tuple.of(q.fromBlock(), q.toBlock(), c.blockNumber(), c.logIndex(), fetch)))
                .orElseGet(() -> reads.query(range + IN_CHAIN_ORDER + " LIMIT $3", Tuple.of(q.fromBlock(), q.toBlock(), fetch))));
        if (events.size() <= q.limit()) {
            return new EventPage(events, Optional.empty());
        }
        List<IndexedEvent> page = events.subList(0, q.limit());
        return new EventPage(page, Optional.of(EventCursor.of(page.getLast())));
    }

    @Override
    public List<IndexedEvent> failAttestationsAccepted(Optional<Long> epoch, Optional<String> provider, int limit) {
        return EventRows.events(reads.query("SELECT * FROM " + FAIL_ACCEPTED
                + " WHERE ($1::numeric IS NULL OR epoch = $1) AND ($2::text IS NULL OR provider = $2)" + IN_CHAIN_ORDER
                + " LIMIT $3", Tuple.of(epoch.map(Numeric::create).orElse(null), address(provider), positive(limit))));
    }

    @Override
    public List<IndexedEvent> slashesExecuted(Optional<String> provider, int limit) {
        return byProvider(SLASH_EXECUTED, provider, limit);
    }

    @Override
    public List<IndexedEvent> slashesCancelled(Optional<String> provider, int limit) {
        return byProvider(SLASH_CANCELLED, provider, limit);
    }

    private List<IndexedEvent> byProvider(String table, Optional<String> provider, int limit) {
        return EventRows.events(reads.query("SELECT * FROM " + table + " WHERE ($1::text IS NULL OR provider = $1)"
                + IN_CHAIN_ORDER + " LIMIT $2", Tuple.of(address(provider), positive(limit))));
    }

    @Override
    public List<IndexedProposal> proposals(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        return ProposalRows.proposals(reads.query(ProposalRows.SELECT + PROPOSAL_CREATED
                + " ORDER BY block_number DESC, log_index DESC OFFSET $1 LIMIT $2", Tuple.of(offset, positive(limit))));
    }

    @Override
    public long proposalCount() {
        return reads.query("SELECT count(*) FROM " + PROPOSAL_CREATED, Tuple.tuple()).iterator().next().getLong(0);
    }

    @Override
    public Optional<IndexedProposal> proposal(BigInteger proposalId) {
        return ProposalRows.proposals(reads.query(ProposalRows.SELECT + PROPOSAL_CREATED
                + " WHERE proposal_id = $1::text::numeric", Tuple.of(proposalId.toString()))).stream().findFirst();
    }

    @Override
    public List<IndexedVote> votes(BigInteger proposalId) {
        return ProposalRows.votes(reads.query(ProposalRows.VOTE_SELECT + VOTE_CAST
                + " WHERE proposal_id = $1::text::numeric UNION ALL " + ProposalRows.VOTE_SELECT + VOTE_CAST_WITH_PARAMS
                + " WHERE proposal_id = $1::text::numeric" + IN_CHAIN_ORDER, Tuple.of(proposalId.toString())));
    }

    private static String address(Optional<String> a) {
        return a.map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return limit;
    }
}
