package io.cipherocto.node.live;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventCursor;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventFollower;
import io.cipherocto.chain.events.IndexedEvent;
import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.chain.events.IndexerUnavailableException;
import io.cipherocto.settlement.api.EpochQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What the live stream watches, read through the public query interfaces (indexed events through {@link IndexedEvents},
 * followed by the shared {@link EventFollower} with in-memory cursors; epochs through settlement's
 * {@link EpochQueries}): each {@link #poll} returns what is new since the previous one.
 * The first poll sets the baseline: indexed events from the chain head at that moment on, epochs as they stand.
 * Not thread-safe: one poller thread calls it.
 */
final class LiveSources {
    /** The indexed events streamed, by live type. */
    static final List<Watched> WATCHED = List.of(
            new Watched("root", "RewardDistributor", "RootSubmitted"),
            new Watched("claim", "RewardDistributor", "Claimed"),
            new Watched("attestation", "AttestationRegistry", "FailAttestationAccepted"),
            new Watched("slash", "AttestationRegistry", "SlashQueued"),
            new Watched("slash", "AttestationRegistry", "SlashExecuted"),
            new Watched("slash", "AttestationRegistry", "SlashCancelled"),
            new Watched("slash", "StakingManager", "Slashed"),
            new Watched("vote", "OctoGovernor", "VoteCast"),
            new Watched("vote", "OctoGovernor", "VoteCastWithParams"),
            new Watched("proposal", "OctoGovernor", "ProposalCreated"),
            new Watched("proposal", "OctoGovernor", "ProposalQueued"),
            new Watched("proposal", "OctoGovernor", "ProposalExecuted"),
            new Watched("proposal", "OctoGovernor", "ProposalCanceled"));

    private static final int PAGE = 200;
    /** The newest epochs compared on each poll (a status change further back is not streamed). */
    private static final int RECENT_EPOCHS = 20;

    record Watched(String type, String contract, String event) {
    }

    private final EpochQueries epochs;
    private final LongSupplier chainHead;
    private final EventFollower<Watched> follower;
    private final Map<Watched, EventCursor> cursors = new HashMap<>(); // the follower's state, in memory
    private Map<Long, String> epochStatus = Map.of(); // the newest page of epochs only: bounded
    private long fromBlock = -1;
    private boolean epochBaseline;

    LiveSources(IndexedEvents indexed, EpochQueries epochs, LongSupplier chainHead) {
        this.epochs = epochs;
        this.chainHead = chainHead;
        EventCatalog catalog = EventCatalog.suite();
        Map<Watched, EventDefinition> definitions = new LinkedHashMap<>();
        for (Watched w : WATCHED) {
            Optional.ofNullable(catalog.of(w.contract()).get(w.event())).ifPresent(d -> definitions.put(w, d));
        }
        this.follower = new EventFollower<>(indexed, definitions, PAGE);
    }

    /** What happened since the previous poll, in chain order per event kind; epochs after events. */
    List<LiveEvent> poll() {
        List<LiveEvent> out = new ArrayList<>();
        if (fromBlock < 0) {
            fromBlock = chainHead.getAsLong(); // throws while the chain is unreachable: the baseline waits for it
        }
        try {
            // events are appended as their cursor moves, so a failure half-way loses nothing: the rest comes next poll
            newEvents(out);
        } catch (IndexerUnavailableException noIndexer) {
            // this database has no indexed events (the indexer's migrations were not applied): epochs only
        } catch (RuntimeException unreachable) {
            // database unreachable: what was read is sent, the rest on a later poll
        }
        try {
            out.addAll(newEpochs());
        } catch (RuntimeException noSettlement) {
            // settlement's tables are not here (or not reachable): chain events only
        }
        return out;
    }

    private void newEvents(List<LiveEvent> out) {
        follower.follow(fromBlock, w -> Optional.ofNullable(cursors.get(w)), (w, page, last) -> {
            for (IndexedEvent e : page) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("contract", w.contract());
                data.put("event", w.event());
                e.columns().forEach((k, v) -> data.putIfAbsent(k, v instanceof Number n && !(v instanceof Long || v instanceof Integer)
                        ? n.toString() : v));
                out.add(new LiveEvent(w.type(), e.blockNumber() + "-" + e.logIndex(), data));
            }
            cursors.put(w, last);
        });
    }

    private List<LiveEvent> newEpochs() {
        List<LiveEvent> out = new ArrayList<>();
        Map<Long, String> now = new HashMap<>();
        for (EpochQueries.EpochView e : epochs.page(Optional.empty(), RECENT_EPOCHS).epochs()) {
            now.put(e.epoch(), e.status());
            if (epochBaseline && !e.status().equals(epochStatus.get(e.epoch()))) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("epoch", e.epoch());
                data.put("status", e.status());
                data.put("receipts", e.receipts());
                data.put("root", e.root());
                data.put("txHash", e.txHash());
                out.add(new LiveEvent("epoch", "epoch-" + e.epoch() + "-" + e.status(), data));
            }
        }
        epochStatus = now;
        epochBaseline = true;
        return out.reversed();
    }
}
