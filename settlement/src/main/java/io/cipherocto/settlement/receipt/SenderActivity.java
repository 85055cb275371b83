package io.cipherocto.settlement.receipt;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Hex;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Receipt ingestion per sender: for each (address, side) that names a provider or requester in posted receipts, how
 * many were accepted, duplicate or rejected (by code), when the last one arrived and when the last one was accepted.
 * It exists so that a sender whose receipts stop arriving shows up (in The Graph's TAP one sender's ingestion died
 * silently at startup, indexer-rs #1094): per-sender metrics and {@code GET /api/v1/receipts/senders}.
 *
 * <p>State is in memory, since this process started, and per instance: behind a load balancer each instance counts
 * what it received, and Prometheus aggregates across instances ({@code sum by (sender, side, outcome)} of the counters,
 * {@code max by (sender, side)} of last seen). A restart starts from zero; a sender that never arrives after a restart
 * is absent here (compare with the series Prometheus kept from before).
 *
 * <p>Memory and series are bounded because receipts are unauthenticated input:
 * <ul>
 *   <li>an address that does not parse counts under the one {@code sender="invalid"} bucket per side;</li>
 *   <li>an address is tracked by name only once one of its receipts is stored (accepted or duplicate: both signatures
 *       valid, the provider staked, the requester's escrow covering the fee), so naming random addresses in receipts
 *       costs nothing here; until then its receipts count under {@code sender="unproven"};</li>
 *   <li>at most {@code maxSenders} (address, side) pairs are tracked; past that a new one counts under
 *       {@code sender="other"} and {@code octo.receipts.senders.dropped} increments (once per batch naming it).</li>
 * </ul>
 *
 * <p>Cost on the hot path: a batch is aggregated per (address, side) in a local map first, then each pair's counts
 * are added with one atomic add per outcome code present, with no lock. Meters read these counters
 * ({@link FunctionCounter}, {@link TimeGauge}) and are registered once, when a pair is first tracked.
 */
public final class SenderActivity implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SenderActivity.class);
    /** Most rows of one {@link #page} request. */
    public static final int MAX_LIMIT = 1000;
    /** Receipts whose address does not parse (or a null receipt). */
    public static final String INVALID = "invalid";
    /** Valid addresses with no stored receipt since start. */
    public static final String UNPROVEN = "unproven";
    /** New senders past {@code maxSenders}. */
    public static final String OTHER = "other";
    private static final Map<String, ReceiptCode> CODES = codes();
    private static final List<String> METERS = List.of("octo.receipts.sender", "octo.receipts.sender.last.seen",
            "octo.receipts.senders", "octo.receipts.senders.silent", "octo.receipts.senders.dropped");

    /** Which party of a receipt the address is. */
    public enum Side {
        PROVIDER(ReceiptInput::provider), REQUESTER(ReceiptInput::requester);

        private final Function<ReceiptInput, String> address;

        Side(Function<ReceiptInput, String> address) {
            this.address = address;
        }

        /** The label in metrics and JSON: {@code provider} or {@code requester}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The side labelled {@code s}, else empty. */
        public static Optional<Side> of(String s) {
            for (Side side : values()) {
                if (side.label().equals(s)) {
                    return Optional.of(side);
                }
            }
            return Optional.empty();
        }
    }

    /** An (address or bucket name, side) pair, ordered by name then side: the keyset order of {@link #page}. */
    record Key(String sender, Side side) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::sender).thenComparing(Key::side);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private final MeterRegistry registry;
    private final int maxSenders;
    private final Duration silentAfter;
    private final InstantSource clock;
    private final ConcurrentSkipListMap<Key, SenderStats> senders = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Key, SenderStats> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger tracked = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();

    /**
     * @param maxSenders most (address, side) pairs tracked by name
     * @param silentAfter a tracked pair not seen for longer counts in {@code octo.receipts.senders.silent}
     */
    public SenderActivity(MeterRegistry registry, int maxSenders, Duration silentAfter, InstantSource clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxSenders < 0) {
            throw new IllegalArgumentException("maxSenders must be >= 0");
        }
        if (silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException("silentAfter must be positive");
        }
        this.maxSenders = maxSenders;
        this.silentAfter = silentAfter;
        this.clock = Objects.requireNonNull(clock, "clock");
        Gauge.builder("octo.receipts.senders", tracked, AtomicInteger::get)
                .description("(address, side) pairs tracked by name since start").register(registry);
        Gauge.builder("octo.receipts.senders.silent", this, a -> a.silent(a.silentAfter))
                .description("tracked (address, side) pairs with no receipt for longer than "
                        + "octo.settlement.sender-metrics.silent-after").register(registry);
        FunctionCounter.builder("octo.receipts.senders.dropped", dropped, LongAdder::sum)
                .description("new senders counted under sender=other because max-senders was reached (once per batch)")
                .register(registry);
    }

    /**
     * Counts one decided batch: {@code results} as returned for {@code inputs} (each result's index is its input's).
     * Never throws: losing a batch's metrics must not fail a batch already stored.
     */
    public void record(List<ReceiptInput> inputs, List<ReceiptResult> results) {
        try {
            long now = clock.millis();
            aggregate(inputs, results).forEach((key, delta) -> stats(key, delta.proven()).add(delta.counts(), now));
        } catch (RuntimeException e) {
            LOG.warnf(e, "sender activity of a batch of %d receipts not recorded", results == null ? 0 : results.size());
        }
    }

    /**
     * Counts one batch-signed envelope's receipts for its provider and requester (as posted; an address that does not
     * parse counts under {@link #INVALID}): its accepted and duplicate receipts, and its refused ones by code (every
     * receipt under the envelope's code when the envelope itself was refused). Never throws.
     */
    public void recordEnvelope(EnvelopeInput in, EnvelopeResult result) {
        try {
            Delta delta = new Delta();
            delta.add(ReceiptCode.ACCEPTED, result.accepted());
            delta.add(ReceiptCode.DUPLICATE, result.duplicates());
            int listed = 0;
            for (ReceiptResult r : result.refusals()) {
                ReceiptCode code = CODES.get(r.code());
                if (code != null && code != ReceiptCode.DUPLICATE) {
                    delta.add(code, 1);
                    listed++;
                }
            }
            ReceiptCode envelopeCode = result.code() == null ? null : CODES.get(result.code());
            if (result.rejected() > listed) {
                delta.add(envelopeCode == null ? ReceiptCode.INVALID_FIELD : envelopeCode, result.rejected() - listed);
            }
            long now = clock.millis();
            String provider = in == null ? INVALID : Hex.normalize(in.provider(), 20).orElse(INVALID);
            String requester = in == null ? INVALID : Hex.normalize(in.requester(), 20).orElse(INVALID);
            stats(new Key(provider, Side.PROVIDER), delta.proven()).add(delta.counts(), now);
            stats(new Key(requester, Side.REQUESTER), delta.proven()).add(delta.counts(), now);
        } catch (RuntimeException e) {
            LOG.warnf(e, "sender activity of an envelope not recorded");
        }
    }

    private static Map<Key, Delta> aggregate(List<ReceiptInput> inputs, List<ReceiptResult> results) {
        Map<Key, Delta> batch = new LinkedHashMap<>(); // in receipt order: the first named is admitted first
        for (ReceiptResult r : results) {
            ReceiptCode code = CODES.get(r.code());
            if (code == null) {
                continue;
            }
            ReceiptInput in = r.index() >= 0 && r.index() < inputs.size() ? inputs.get(r.index()) : null;
            for (Side side : Side.values()) {
                String sender = in == null ? INVALID : Hex.normalize(side.address.apply(in), 20).orElse(INVALID);
                batch.computeIfAbsent(new Key(sender, side), k -> new Delta()).add(code);
            }
        }
        return batch;
    }

    /** Where a batch's counts of {@code key} go: its own entry, or a bucket. */
    private SenderStats stats(Key key, boolean proven) {
        if (key.sender().equals(INVALID)) {
            return bucket(INVALID, key.side());
        }
        SenderStats s = senders.get(key);
        if (s != null) {
            return s;
        }
        if (!proven) {
            return bucket(UNPROVEN, key.side());
        }
        if (tracked.incrementAndGet() > maxSenders) {
            tracked.decrementAndGet();
            dropped.increment();
            return bucket(OTHER, key.side());
        }
        SenderStats fresh = new SenderStats();
        SenderStats won = senders.putIfAbsent(key, fresh);
        if (won != null) {
            tracked.decrementAndGet();
            return won;
        }
        return register(key, fresh);
    }

    private SenderStats bucket(String name, Side side) {
        return buckets.computeIfAbsent(new Key(name, side), k -> register(k, new SenderStats()));
    }

    private SenderStats register(Key key, SenderStats s) {
        Tags tags = Tags.of("sender", key.sender(), "side", key.side().label());
        String description = "receipts naming this sender on this side since start, by outcome (the receipt's status)";
        FunctionCounter.builder("octo.receipts.sender", s, SenderStats::accepted).tags(tags).tag("outcome", "accepted")
                .description(description).register(registry);
        FunctionCounter.builder("octo.receipts.sender", s, SenderStats::duplicates).tags(tags).tag("outcome", "duplicate")
                .description(description).register(registry);
        FunctionCounter.builder("octo.receipts.sender", s, SenderStats::rejected).tags(tags).tag("outcome", "rejected")
                .description(description).register(registry);
        TimeGauge.builder("octo.receipts.sender.last.seen", s, TimeUnit.MILLISECONDS, SenderStats::lastSeenMillis)
                .tags(tags).description("wall-clock time (epoch) of this sender's last receipt on this side").register(registry);
        return s;
    }

    /**
     * Removes this activity's meters from the registry. Quarkus injects Micrometer's global registry, which outlives an
     * application restarted in the same JVM (tests): without this a new instance's meters would be the old ones,
     * reading the old counts.
     */
    @Override
    public void close() {
        for (String name : METERS) {
            registry.find(name).meters().forEach(registry::remove);
        }
    }

    /** Tracked (address, side) pairs with no receipt for longer than {@code window}. */
    public int silent(Duration window) {
        long cutoff = clock.millis() - window.toMillis();
        int n = 0;
        for (SenderStats s : senders.values()) {
            if (s.lastSeenMillis() < cutoff) {
                n++;
            }
        }
        return n;
    }

    /** Tracked (address, side) pairs. */
    public int tracked() {
        return tracked.get();
    }

    /** New senders not tracked because {@code maxSenders} was reached (counted once per batch naming them). */
    public long dropped() {
        return dropped.sum();
    }

    /** The counts of {@code address} (any case) on {@code side}, when it is tracked by name. */
    public Optional<SenderPage.Sender> sender(String address, Side side) {
        return Hex.normalize(address, 20).map(a -> new Key(a, side)).flatMap(k -> Optional.ofNullable(senders.get(k))
                .map(s -> s.view(k.sender(), side)));
    }

    /** The counts of a bucket ({@link #INVALID}, {@link #UNPROVEN}, {@link #OTHER}) on {@code side}, once used. */
    public Optional<SenderPage.Sender> bucketCounts(String name, Side side) {
        return Optional.ofNullable(buckets.get(new Key(name, side))).map(s -> s.view(name, side));
    }

    /**
     * One page of {@code GET /api/v1/receipts/senders}: tracked senders in address order (then provider before
     * requester), from the first address after {@code after}; a page holds the rows of at most {@code limit} addresses
     * (both sides of an address are on the same page) and {@code next} is the {@code after} of the next page, null on
     * the last. Every page also carries the buckets. Filters: {@code side}, and {@code silentFor} (only rows whose last
     * receipt is older than that). Parameters are the raw query strings (null when absent).
     *
     * @throws ApiException 400 {@code invalid_side}, {@code invalid_duration} (silentFor), {@code invalid_address}
     *     (after), {@code invalid_page} (limit: 1 to {@value #MAX_LIMIT}, default 100)
     */
    public SenderPage page(String side, String silentFor, String after, String limit) {
        Optional<Side> onSide = side == null ? Optional.empty() : Optional.of(Side.of(side).orElseThrow(
                () -> ApiException.badRequest("invalid_side", "side must be provider or requester")));
        long cutoff = silentFor == null ? Long.MAX_VALUE : clock.millis() - positive(silentFor).toMillis();
        Optional<String> from = after == null ? Optional.empty() : Optional.of(Hex.normalize(after, 20).orElseThrow(
                () -> ApiException.badRequest("invalid_address", "after must be an address: 0x and 40 hex digits")));
        int max = limit == null ? 100 : limit(limit);
        var rows = from.map(a -> senders.tailMap(new Key(a, Side.REQUESTER), false)).orElse(senders);
        List<SenderPage.Sender> page = new ArrayList<>();
        int addresses = 0;
        String last = null;
        String next = null;
        for (var e : rows.entrySet()) {
            Key k = e.getKey();
            if (onSide.map(s -> s != k.side()).orElse(false) || e.getValue().lastSeenMillis() >= cutoff) {
                continue;
            }
            if (!k.sender().equals(last)) {
                if (addresses == max) {
                    next = last;
                    break;
                }
                addresses++;
                last = k.sender();
            }
            page.add(e.getValue().view(k.sender(), k.side()));
        }
        List<SenderPage.Sender> bucketRows = new ArrayList<>();
        for (String name : List.of(INVALID, UNPROVEN, OTHER)) {
            for (Side s : Side.values()) {
                SenderStats b = buckets.get(new Key(name, s));
                if (b != null && onSide.map(s::equals).orElse(true) && b.lastSeenMillis() < cutoff) {
                    bucketRows.add(b.view(name, s));
                }
            }
        }
        return new SenderPage(page, next, tracked(), maxSenders, dropped(), bucketRows);
    }

    private static Duration positive(String silentFor) {
        try {
            Duration d = Duration.parse(silentFor);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // the answer below
        }
        throw ApiException.badRequest("invalid_duration", "silentFor must be a positive ISO-8601 duration, e.g. PT10M");
    }

    private static int limit(String limit) {
        if (limit.matches("[0-9]{1,4}")) { // ASCII digits only, as every number of the API
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        }
        throw ApiException.badRequest("invalid_page", "limit must be an integer in [1, " + MAX_LIMIT + "]");
    }

    private static Map<String, ReceiptCode> codes() {
        Map<String, ReceiptCode> m = new HashMap<>();
        for (ReceiptCode c : ReceiptCode.values()) {
            m.put(c.code(), c);
        }
        return Map.copyOf(m);
    }

    /** One batch's counts for one (address, side), by receipt code ordinal. */
    private static final class Delta {
        private final long[] counts = new long[ReceiptCode.values().length];

        void add(ReceiptCode code) {
            counts[code.ordinal()]++;
        }

        void add(ReceiptCode code, long n) {
            counts[code.ordinal()] += n;
        }

        long[] counts() {
            return counts;
        }

        /** A stored receipt (accepted or duplicate) names this sender: it may be tracked by name. */
        boolean proven() {
            return counts[ReceiptCode.ACCEPTED.ordinal()] > 0 || counts[ReceiptCode.DUPLICATE.ordinal()] > 0;
        }
    }
}
