package io.cipherocto.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.chain.events.AbiType;
import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventCursor;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventPage;
import io.cipherocto.chain.events.EventParam;
import io.cipherocto.chain.events.EventQuery;
import io.cipherocto.chain.events.IndexedEvent;
import io.cipherocto.chain.events.IndexedProposal;
import io.cipherocto.chain.events.IndexedVote;
import io.cipherocto.chain.events.IndexerUnavailableException;
import io.cipherocto.devkit.TestDatabase;
import java.math.BigInteger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link IndexedEventTables} against real PostgreSQL with the indexer's migrations: keyset pages of an event table,
 * the attestation and slash filters, proposals and votes, and a database without the indexer's tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexedEventTablesIT {
    static {
        // Outside Quarkus, set Mutiny's context-propagation provider once before the reactive client is used.
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
    }

    private static final EventCatalog CATALOG = EventCatalog.suite();
    private static final EventDefinition TRANSFER = CATALOG.of("OctoToken").get("Transfer");
    private static final String ALICE = "0x00000000000000000000000000000000000000a1";
    private static final String BOB = "0x00000000000000000000000000000000000000b0";
    /** (block, log index) of the Transfer rows: several per block, out of insertion order. */
    private static final long[][] TRANSFERS = {{10, 2}, {10, 0}, {10, 1}, {11, 0}, {12, 5}, {12, 3}, {14, 0}};

    private TestDatabase db;
    private IndexedEventTables events;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.start("indexer");
        events = new IndexedEventTables(db.pool());
        try (Connection c = db.jdbc()) {
            for (long[] t : TRANSFERS) {
                EventRowWriter.insert(c, TRANSFER, t[0], (int) t[1], Map.of("value", t[0] + "00000000000000000000000" + t[1]));
            }
            EventDefinition failAccepted = CATALOG.of("AttestationRegistry").get("FailAttestationAccepted");
            EventRowWriter.insert(c, failAccepted, 20, 0, Map.of("epoch", "3", "provider", ALICE, "job_id", "0x01"));
            EventRowWriter.insert(c, failAccepted, 21, 0, Map.of("epoch", "4", "provider", ALICE, "job_id", "0x02"));
            EventRowWriter.insert(c, failAccepted, 21, 1, Map.of("epoch", "4", "provider", BOB, "job_id", "0x03"));
            EventRowWriter.insert(c, CATALOG.of("AttestationRegistry").get("SlashExecuted"), 30, 0, Map.of("provider", ALICE));
            EventRowWriter.insert(c, CATALOG.of("AttestationRegistry").get("SlashCancelled"), 31, 0, Map.of("provider", BOB));
            EventDefinition created = CATALOG.of("OctoGovernor").get("ProposalCreated");
            EventRowWriter.insert(c, created, 40, 0, Map.of("proposal_id", "111", "proposer", ALICE, "description", "first",
                    "targets", "[\"" + BOB + "\"]", "values", "[\"5\"]", "calldatas", "[\"0xabcdef01\"]", "vote_start", "100",
                    "vote_end", "700"));
            EventRowWriter.insert(c, created, 41, 0, Map.of("proposal_id", "222", "proposer", BOB, "description", "second",
                    "vote_start", "200", "vote_end", "800"));
            EventRowWriter.insert(c, CATALOG.of("OctoGovernor").get("VoteCast"), 45, 1, Map.of("proposal_id", "111",
                    "voter", BOB, "support", "0", "weight", "7", "reason", "no"));
            EventRowWriter.insert(c, CATALOG.of("OctoGovernor").get("VoteCastWithParams"), 45, 0, Map.of("proposal_id", "111",
                    "voter", ALICE, "support", "1", "weight", "340282366920938463463374607431768211456", "reason", "yes"));
            EventRowWriter.insert(c, CATALOG.of("OctoGovernor").get("VoteCast"), 46, 0, Map.of("proposal_id", "222",
                    "voter", ALICE, "support", "2", "weight", "1", "reason", ""));
        }
    }

    @AfterAll
    void stop() {
        db.close();
    }

    private static List<String> positions(List<IndexedEvent> events) {
        return events.stream().map(e -> e.blockNumber() + "-" + e.logIndex()).toList();
    }

    @Test
    void eventPages_followTheCursor_inChainOrder_untilTheLastPage() {
        EventQuery first = EventQuery.first(TRANSFER, 0, Long.MAX_VALUE, 3);
        EventPage p1 = events.events(first);
        assertThat(positions(p1.events())).containsExactly("10-0", "10-1", "10-2");
        assertThat(p1.next()).contains(new EventCursor(10, 2));

        EventPage p2 = events.events(first.after(p1.next().orElseThrow()));
        assertThat(positions(p2.events())).containsExactly("11-0", "12-3", "12-5");
        assertThat(p2.hasMore()).isTrue();

        EventPage last = events.events(first.after(p2.next().orElseThrow()));
        assertThat(positions(last.events())).containsExactly("14-0");
        assertThat(last.hasMore()).isFalse();
        assertThat(last.next()).isEmpty();
    }

    @Test
    void aPageThatEndsExactlyAtTheLastEvent_isTheLastPage() {
        EventPage p1 = events.events(EventQuery.first(TRANSFER, 10, 12, 3));
        EventPage p2 = events.events(EventQuery.first(TRANSFER, 10, 12, 3).after(p1.next().orElseThrow()));
        assertThat(positions(p2.events())).containsExactly("11-0", "12-3", "12-5");
        assertThat(p2.next()).isEmpty();
    }

    @Test
    void eventPages_stayInsideTheBlockRange_andACursorBeyondItGivesAnEmptyLastPage() {
        EventQuery range = EventQuery.first(TRANSFER, 11, 12, 100);
        assertThat(positions(events.events(range).events())).containsExactly("11-0", "12-3", "12-5");
        assertThat(positions(events.events(range.after(new EventCursor(12, 3))).events())).containsExactly("12-5");
        EventPage beyond = events.events(range.after(new EventCursor(99, 0)));
        assertThat(beyond.events()).isEmpty();
        assertThat(beyond.hasMore()).isFalse();
    }

    @Test
    void anEvent_carriesEveryColumnOfItsTable_inOrder_withWideIntegersInDecimal() {
        IndexedEvent e = events.events(EventQuery.first(TRANSFER, 12, 12, 1)).events().getFirst();
        assertThat(e.columns().keySet()).containsExactly("block_number", "log_index", "tx_index", "block_hash", "tx_hash",
                "contract", "from", "to", "value");
        assertThat(e.columns()).containsEntry("block_number", 12L).containsEntry("log_index", 3)
                .containsEntry("value", "12000000000000000000000003");
    }

    @Test
    void anEventOutsideTheCatalog_isRefused_beforeAnyTableIsNamed() {
        EventDefinition forged = EventDefinition.of("OctoToken", "Transfer; DROP TABLE x", List.of(
                new EventParam("v", AbiType.parse("uint256"), false, "v")));
        assertThatThrownBy(() -> events.events(EventQuery.first(forged, 0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failAttestations_filterByEpochAndProvider_caseInsensitively() {
        assertThat(events.failAttestationsAccepted(Optional.empty(), Optional.empty(), 1000)).hasSize(3);
        assertThat(events.failAttestationsAccepted(Optional.of(4L), Optional.empty(), 1000))
                .extracting(e -> e.columns().get("job_id")).containsExactly("0x02", "0x03");
        assertThat(events.failAttestationsAccepted(Optional.of(4L), Optional.of(ALICE.toUpperCase().replace("0X", "0x")), 1000))
                .extracting(e -> e.columns().get("job_id")).containsExactly("0x02");
        assertThat(events.failAttestationsAccepted(Optional.empty(), Optional.of(ALICE), 1))
                .extracting(e -> e.columns().get("epoch")).containsExactly("3");
    }

    @Test
    void slashes_executedAndCancelled_filterByProvider() {
        assertThat(events.slashesExecuted(Optional.of(ALICE), 1000)).extracting(IndexedEvent::blockNumber).containsExactly(30L);
        assertThat(events.slashesExecuted(Optional.of(BOB), 1000)).isEmpty();
        assertThat(events.slashesCancelled(Optional.empty(), 1000)).extracting(e -> e.columns().get("provider"))
                .containsExactly(BOB);
    }

    @Test
    void proposals_newestFirst_countedAndFoundById_withTheirActions() {
        assertThat(events.proposals(0, 10)).extracting(IndexedProposal::description).containsExactly("second", "first");
        assertThat(events.proposals(1, 10)).extracting(IndexedProposal::proposalId).containsExactly(BigInteger.valueOf(111));
        assertThat(events.proposalCount()).isEqualTo(2);
        IndexedProposal p = events.proposal(BigInteger.valueOf(111)).orElseThrow();
        assertThat(p.actions()).containsExactly(new IndexedProposal.Action(BOB, BigInteger.valueOf(5), "0xabcdef01"));
        assertThat(p.voteStart()).isEqualTo(BigInteger.valueOf(100));
        assertThat(p.voteEnd()).isEqualTo(BigInteger.valueOf(700));
        assertThat(p.blockNumber()).isEqualTo(40);
        assertThat(events.proposal(BigInteger.valueOf(333))).isEmpty();
    }

    @Test
    void votes_withAndWithoutParams_inChainOrder() {
        List<IndexedVote> votes = events.votes(BigInteger.valueOf(111));
        assertThat(votes).extracting(IndexedVote::voter).containsExactly(ALICE, BOB);
        assertThat(votes.getFirst().weight()).isEqualTo(BigInteger.TWO.pow(128));
        assertThat(votes.getFirst().support()).isEqualTo(1);
        assertThat(votes.get(1).reason()).isEqualTo("no");
        assertThat(events.votes(BigInteger.valueOf(999))).isEmpty();
    }

    @Test
    void withoutTheIndexersTables_everyReadIsIndexerUnavailable() {
        try (TestDatabase bare = TestDatabase.start()) {
            IndexedEventTables none = new IndexedEventTables(bare.pool());
            List<Runnable> reads = new ArrayList<>(List.of(
                    () -> none.events(EventQuery.first(TRANSFER, 0, 1, 1)),
                    () -> none.failAttestationsAccepted(Optional.empty(), Optional.empty(), 1),
                    () -> none.slashesExecuted(Optional.empty(), 1),
                    () -> none.slashesCancelled(Optional.empty(), 1),
                    () -> none.proposals(0, 1),
                    none::proposalCount,
                    () -> none.proposal(BigInteger.ONE),
                    () -> none.votes(BigInteger.ONE)));
            for (Runnable read : reads) {
                assertThatThrownBy(read::run).isInstanceOf(IndexerUnavailableException.class)
                        .hasMessageContaining("chain-indexer")
                        .satisfies(e -> assertThat(((IndexerUnavailableException) e).status()).isEqualTo(503))
                        .satisfies(e -> assertThat(((IndexerUnavailableException) e).code()).isEqualTo("indexer_unavailable"));
            }
        }
    }
}
