package io.cipherocto.webhooks.dispatch;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventCursor;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventFollower;
import io.cipherocto.chain.events.IndexedEvent;
import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.webhooks.WebhookEventType;
import io.cipherocto.webhooks.store.Outbox;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns indexed events, read through {@link IndexedEvents} by the shared {@link EventFollower} with one durable cursor
 * per event kind (as the node's live feed follows them, with the cursors in the outbox's schema), into webhook events
 * and time-based triggers:
 * <ul>
 * <li>OctoGovernor.ProposalCreated: {@code proposal.created}, and the triggers {@code proposal.voting_started} (at
 * voteStart) and {@code proposal.voting_ending_soon} (at voteEnd - ending-soon but not before voteStart, dropped when voteEnd has
 * passed before it fired);</li>
 * <li>OctoGovernor.ProposalQueued / ProposalExecuted: {@code proposal.queued} / {@code proposal.executed};</li>
 * <li>RewardDistributor.RootSubmitted: {@code root.posted}, and the trigger {@code rewards.claimable} at activatesAt;</li>
 * <li>StakingManager.Slashed: {@code provider.slashed} (every executed slash goes through StakingManager.slash, which
 * emits it with the amounts; AttestationRegistry.SlashExecuted in the same transaction would announce it twice);</li>
 * <li>AttestationRegistry.FailAttestationAccepted: {@code sampled_job.failed}.</li>
 * </ul>
 * Event ids are {@code <type>:<block>-<logIndex>} of the source log, or {@code <type>:<proposalId>} for the proposal
 * triggers, so a re-scan records nothing twice.
 */
public final class EventScanner {
    private static final int PAGE = 200;

    /** One indexed event kind watched, and what it becomes. */
    record Source(String contract, String event, WebhookEventType type) {
        String key() {
            return contract + "." + event;
        }
    }

    static final List<Source> SOURCES = List.of(
            new Source("OctoGovernor", "ProposalCreated", WebhookEventType.PROPOSAL_CREATED),
            new Source("OctoGovernor", "ProposalQueued", WebhookEventType.PROPOSAL_QUEUED),
            new Source("OctoGovernor", "ProposalExecuted", WebhookEventType.PROPOSAL_EXECUTED),
            new Source("RewardDistributor", "RootSubmitted", WebhookEventType.ROOT_POSTED),
            new Source("StakingManager", "Slashed", WebhookEventType.PROVIDER_SLASHED),
            new Source("AttestationRegistry", "FailAttestationAccepted", WebhookEventType.SAMPLED_JOB_FAILED));

    private final Outbox outbox;
    private final long endingSoonSeconds;
    private final EventFollower<Source> follower;

    public EventScanner(IndexedEvents indexed, Outbox outbox, long endingSoonSeconds) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.endingSoonSeconds = endingSoonSeconds;
        EventCatalog catalog = EventCatalog.suite();
        Map<Source, EventDefinition> definitions = new LinkedHashMap<>();
        for (Source s : SOURCES) {
            definitions.put(s, Optional.ofNullable(catalog.of(s.contract()).get(s.event())).orElseThrow(() ->
                    new IllegalStateException(s.key() + " is not in the suite's ABIs")));
        }
        this.follower = new EventFollower<>(indexed, definitions, PAGE);
    }

    /** Records every event indexed since the last scan (from {@code fromBlock} on the first); returns how many. */
    public int scan(long fromBlock) {
        return scan(fromBlock, Long.MAX_VALUE);
    }

    /**
     * Records every event indexed since the last scan (from {@code fromBlock} on the first) up to block {@code toBlock}
     * (the newest confirmed block); returns how many.
     */
    public int scan(long fromBlock, long toBlock) {
        AtomicInteger recorded = new AtomicInteger();
        follower.follow(fromBlock, toBlock, s -> outbox.cursor(s.key()).map(c -> new EventCursor(c[0], (int) c[1])),
                (s, page, last) -> {
                    List<Outbox.NewEvent> events = new ArrayList<>();
                    List<Outbox.NewTrigger> triggers = new ArrayList<>();
                    for (IndexedEvent e : page) {
                        translate(s, e, events, triggers);
                    }
                    // the events, triggers and the source's cursor in one transaction: durable cursors
                    recorded.addAndGet(outbox.record(s.key(), last.blockNumber(), last.logIndex(), events, triggers));
                });
        return recorded.get();
    }

    private void translate(Source s, IndexedEvent e, List<Outbox.NewEvent> events, List<Outbox.NewTrigger> triggers) {
        JsonObject data = data(s, e);
        String position = e.blockNumber() + "-" + e.logIndex();
        Optional<String> provider = Optional.ofNullable(e.columns().get("provider")).map(Object::toString);
        events.add(new Outbox.NewEvent(s.type().wire() + ":" + position, s.type().wire(), provider, data));
        if (s.type() == WebhookEventType.PROPOSAL_CREATED) {
            String proposal = String.valueOf(e.columns().get("proposal_id"));
            BigInteger voteStart = integer(e, "vote_start");
            BigInteger voteEnd = integer(e, "vote_end");
            JsonObject summary = new JsonObject().put("proposal_id", proposal)
                    .put("proposer", String.valueOf(e.columns().get("proposer")))
                    .put("vote_start", voteStart.toString()).put("vote_end", voteEnd.toString())
                    .put("block_number", e.blockNumber()).put("tx_hash", String.valueOf(e.columns().get("tx_hash")));
            triggers.add(new Outbox.NewTrigger(WebhookEventType.PROPOSAL_VOTING_STARTED.wire() + ":" + proposal,
                    WebhookEventType.PROPOSAL_VOTING_STARTED.wire(), voteStart, Optional.empty(), Optional.empty(), summary));
            BigInteger soon = voteEnd.subtract(BigInteger.valueOf(endingSoonSeconds)).max(voteStart); // not before voting starts
            triggers.add(new Outbox.NewTrigger(WebhookEventType.PROPOSAL_VOTING_ENDING_SOON.wire() + ":" + proposal,
                    WebhookEventType.PROPOSAL_VOTING_ENDING_SOON.wire(), soon, Optional.of(voteEnd), Optional.empty(), summary));
        } else if (s.type() == WebhookEventType.ROOT_POSTED) {
            triggers.add(new Outbox.NewTrigger(WebhookEventType.REWARDS_CLAIMABLE.wire() + ":" + position,
                    WebhookEventType.REWARDS_CLAIMABLE.wire(), integer(e, "activates_at"), Optional.empty(), Optional.empty(),
                    data.copy()));
        }
    }

    /** The event's columns (positions, then parameters) and {@code source}, {@code Contract.Event}. */
    static JsonObject data(Source s, IndexedEvent e) {
        JsonObject data = new JsonObject().put("source", s.key());
        e.columns().forEach((k, v) -> data.put(k, v instanceof Long || v instanceof Integer || v instanceof Boolean
                ? v : v.toString()));
        return data;
    }

    private static BigInteger integer(IndexedEvent e, String column) {
        return new BigInteger(String.valueOf(Objects.requireNonNull(e.columns().get(column), column)));
    }
}
