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
import io.cipherocto.chain.events.ProposalWindow;
import io.cipherocto.indexer.abi.EventTables;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
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
    private static final String PROPOSAL_QUEUED = table("OctoGovernor", "ProposalQueued");
    private static final String PROPOSAL_EXECUTED = table("OctoGovernor", "ProposalExecuted");
    private static final String PROPOSAL_CANCELED = table("OctoGovernor", "ProposalCanceled");
    private static final String MEMBER_STAKE_CHANGED = table("StakingManager", "MemberStakeChanged");
    private static final String NEWEST_FIRST = " ORDER BY block_number DESC, log_index DESC";
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
    public List<IndexedProposal> proposals(int offset, int limit, ProposalWindow window) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        List<Object> args = new ArrayList<>();
        String where = windowClause(window, args, "WHERE");
        args.add(offset);
        args.add(positive(limit));
        return ProposalRows.proposals(reads.query(ProposalRows.SELECT + PROPOSAL_CREATED + where
                + " ORDER BY block_number DESC, log_index DESC OFFSET $" + (args.size() - 1) + " LIMIT $" + args.size(),
                Tuple.from(args)));
    }

    @Override
    public List<IndexedProposal> proposalsBefore(Optional<EventCursor> before, int limit, ProposalWindow window) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (before.isPresent()) {
            args.add(before.get().blockNumber());
            args.add(before.get().logIndex());
            where = " WHERE (block_number, log_index) < ($1, $2)";
        }
        where += windowClause(window, args, where.isEmpty() ? "WHERE" : "AND");
        args.add(positive(limit));
        return ProposalRows.proposals(reads.query(ProposalRows.SELECT + PROPOSAL_CREATED + where + NEWEST_FIRST + " LIMIT $"
                + args.size(), Tuple.from(args)));
    }

    /** The SQL of a voting-window filter ({@link ProposalWindow#admits}), its bounds appended to {@code args}. */
    private static String windowClause(ProposalWindow w, List<Object> args, String keyword) {
        StringBuilder sql = new StringBuilder();
        bound(sql, args, keyword, "vote_start >= ", w.snapshotAtLeast());
        bound(sql, args, keyword, "vote_start < ", w.snapshotBelow());
        bound(sql, args, keyword, "vote_end >= ", w.deadlineAtLeast());
        bound(sql, args, keyword, "vote_end < ", w.deadlineBelow());
        return sql.toString();
    }

    private static void bound(StringBuilder sql, List<Object> args, String keyword, String condition, Optional<Long> value) {
        if (value.isPresent()) {
            args.add(value.get());
            String joiner = sql.isEmpty() ? keyword : "AND";
            sql.append(' ').append(joiner).append(' ').append(condition).append('$').append(args.size()).append("::bigint");
        }
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

    @Override
    public java.util.Map<BigInteger, io.cipherocto.chain.events.IndexedProposalOutcome> proposalOutcomes(
            java.util.Collection<BigInteger> proposalIds) {
        java.util.Map<BigInteger, BigInteger[]> tallies = new java.util.HashMap<>();
        java.util.Map<BigInteger, BigInteger> etas = new java.util.HashMap<>();
        java.util.Set<BigInteger> executed = new java.util.HashSet<>();
        java.util.Set<BigInteger> canceled = new java.util.HashSet<>();
        if (!proposalIds.isEmpty()) {
            String[] ids = proposalIds.stream().map(BigInteger::toString).distinct().toArray(String[]::new);
            Tuple args = Tuple.of(ids);
            String in = " WHERE proposal_id = ANY($1::text[]::numeric[])";
            for (Row r : reads.query("SELECT proposal_id::text AS id, support, sum(weight)::text AS w FROM (SELECT proposal_id, "
                    + "support, weight FROM " + VOTE_CAST + in + " UNION ALL SELECT proposal_id, support, weight FROM "
                    + VOTE_CAST_WITH_PARAMS + in + ") v GROUP BY 1, 2", args)) {
                int support = (int) r.getLong("support").longValue();
                if (support >= 0 && support <= 2) {
                    tallies.computeIfAbsent(new BigInteger(r.getString("id")), k -> new BigInteger[] {BigInteger.ZERO,
                            BigInteger.ZERO, BigInteger.ZERO})[support] = new BigInteger(r.getString("w"));
                }
            }
            for (Row r : reads.query("SELECT proposal_id::text AS id, eta_seconds::text AS eta FROM " + PROPOSAL_QUEUED + in
                    + " ORDER BY block_number, log_index", args)) {
                etas.put(new BigInteger(r.getString("id")), new BigInteger(r.getString("eta")));
            }
            for (Row r : reads.query("SELECT proposal_id::text AS id, 'executed' AS k FROM " + PROPOSAL_EXECUTED + in
                    + " UNION ALL SELECT proposal_id::text, 'canceled' FROM " + PROPOSAL_CANCELED + in, args)) {
                ("executed".equals(r.getString("k")) ? executed : canceled).add(new BigInteger(r.getString("id")));
            }
        }
        java.util.Map<BigInteger, io.cipherocto.chain.events.IndexedProposalOutcome> out = new java.util.LinkedHashMap<>();
        for (BigInteger id : proposalIds) {
            BigInteger[] t = tallies.getOrDefault(id, new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
            out.put(id, new io.cipherocto.chain.events.IndexedProposalOutcome(t[0], t[1], t[2], Optional.ofNullable(etas.get(id)),
                    executed.contains(id), canceled.contains(id)));
        }
        return out;
    }

    @Override
    public List<IndexedEvent> memberStakeChanges(String member, int limit) {
        return EventRows.events(reads.query("SELECT * FROM " + MEMBER_STAKE_CHANGED + " WHERE \"member\" = $1" + NEWEST_FIRST
                + " LIMIT $2", Tuple.of(member.toLowerCase(Locale.ROOT), positive(limit))));
    }

    @Override
    public List<IndexedVote> votesBy(String voter, int limit) {
        return ProposalRows.votes(reads.query("SELECT * FROM (" + ProposalRows.VOTE_SELECT + VOTE_CAST + " WHERE voter = $1 UNION ALL "
                + ProposalRows.VOTE_SELECT + VOTE_CAST_WITH_PARAMS + " WHERE voter = $1) v" + NEWEST_FIRST + " LIMIT $2",
                Tuple.of(voter.toLowerCase(Locale.ROOT), positive(limit))));
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
