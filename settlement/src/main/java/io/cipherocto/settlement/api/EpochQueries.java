package io.cipherocto.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.epoch.EpochRecord;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.publish.PublicationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Read side of settled epochs for the API. */
@ApplicationScoped
public class EpochQueries {
    @Inject
    SettlementRuntime runtime;

    /** An epoch as the API shows it (no tree dump). */
    public record EpochView(long epoch, String status, long closingBlock, String seed, String samplingRateWad,
            JsonNode parameters, long receipts, long sampled, long attestedPass, long attestedFail, long unattested,
            List<String> forfeited, JsonNode totals, String root, String txHash, Long txBlock, String computedAt,
            String publishedAt) {
    }

    public List<EpochView> list(int page) {
        int size = runtime.config().pageSize();
        return store().epochs(size, io.cipherocto.platform.api.Paging.offset(page, size)).stream().map(this::view).toList();
    }

    /** The most epochs one {@link #page} holds. */
    public static final int MAX_PAGE_EPOCHS = 500;

    /** One keyset page of epochs, newest first; {@code next} is the {@code before} of the next page, null on the last. */
    public record EpochPage(List<EpochView> epochs, Long next) {
    }

    /**
     * Settled epochs below {@code before} (all when empty), newest first, at most {@code limit}: the keyset form of
     * {@link #list(int)}.
     *
     * @throws ApiException 400 {@code invalid_cursor} (before negative), {@code invalid_limit} (outside 1..500)
     */
    public EpochPage page(Optional<Long> before, int limit) {
        if (before.isPresent() && before.get() < 0) {
            throw ApiException.badRequest("invalid_cursor", "before must be an epoch >= 0 (the next of a previous page)");
        }
        if (limit < 1 || limit > MAX_PAGE_EPOCHS) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_PAGE_EPOCHS);
        }
        List<EpochView> epochs = store().epochsBefore(before.orElse(Long.MAX_VALUE), limit).stream().map(this::view).toList();
        Long next = epochs.size() == limit ? epochs.get(epochs.size() - 1).epoch() : null;
        return new EpochPage(epochs, next);
    }

    public EpochView get(long epoch) {
        return view(record(epoch));
    }

    public EpochRecord record(long epoch) {
        if (epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        return store().epoch(epoch).orElseThrow(() -> ApiException.notFound("epoch_not_found", "epoch " + epoch
                + " is not settled yet"));
    }

    /** The most reward rows one keyset page holds. */
    public static final int MAX_REWARD_PAGE = 1000;

    /** A keyset page of an epoch's reward rows after {@code after} ("earner,token" of the previous page's last row). */
    public List<EpochStore.RewardRow> rewardsAfter(long epoch, Optional<String> after, int limit) {
        record(epoch);
        if (limit < 1 || limit > MAX_REWARD_PAGE) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_REWARD_PAGE);
        }
        Optional<EpochStore.RewardKey> key = after.map(a -> {
            String[] parts = a.split(",", -1);
            if (parts.length != 2 || !io.cipherocto.platform.kernel.Address.isValid(parts[0])
                    || !io.cipherocto.platform.kernel.Address.isValid(parts[1])) {
                throw ApiException.badRequest("invalid_cursor", "after must be the next of a previous page: <earner>,<token>");
            }
            return new EpochStore.RewardKey(parts[0].toLowerCase(java.util.Locale.ROOT), parts[1].toLowerCase(java.util.Locale.ROOT));
        });
        return store().rewardsAfter(epoch, key, limit);
    }

    /** Every reward row of an epoch, in keyset batches (for the CSV download). */
    public void eachReward(long epoch, java.util.function.Consumer<EpochStore.RewardRow> sink) {
        record(epoch);
        Optional<EpochStore.RewardKey> after = Optional.empty();
        while (true) {
            List<EpochStore.RewardRow> rows = store().rewardsAfter(epoch, after, 10_000);
            rows.forEach(sink);
            if (rows.size() < 10_000) {
                return;
            }
            EpochStore.RewardRow last = rows.get(rows.size() - 1);
            after = Optional.of(new EpochStore.RewardKey(last.earner(), last.token()));
        }
    }

    public List<EpochStore.RewardRow> rewards(long epoch, int page) {
        record(epoch);
        int size = runtime.config().pageSize();
        return store().rewards(epoch, size, io.cipherocto.platform.api.Paging.offset(page, size));
    }

    /** The public bundle of a computed epoch (its canonical bytes, whose keccak256 the chain holds). */
    public EpochStore.StoredBundle bundle(long epoch) {
        record(epoch);
        return store().bundle(epoch).orElseThrow(() -> ApiException.notFound("bundle_not_found", "epoch " + epoch
                + " was settled before epoch bundles existed: it has none"));
    }

    private EpochView view(EpochRecord r) {
        Optional<PublicationStore.Attempt> pub = new PublicationStore(runtime.pool()).all(r.epoch()).stream()
                .filter(a -> a.state().equals("confirmed")).findFirst();
        return new EpochView(r.epoch(), r.status(), r.closingBlock(), r.seed(), r.samplingRateWad().toString(), r.params(),
                r.receiptCount(), r.sampleCount(), r.attestedPass(), r.attestedFail(), r.unattested(), r.forfeited(),
                r.totals(), r.root(), pub.map(PublicationStore.Attempt::txHash).orElse(null),
                pub.map(PublicationStore.Attempt::blockNumber).orElse(null), r.computedAt(), r.publishedAt());
    }

    private EpochStore store() {
        return runtime.epochStore();
    }
}
