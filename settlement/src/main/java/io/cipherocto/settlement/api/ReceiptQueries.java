package io.cipherocto.settlement.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.settlement.SettlementRuntime;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One provider's or one requester's stored receipts of one epoch ({@code GET /api/v1/epochs/{n}/receipts?provider=}
 * or {@code ?requester=}), for providers, requesters and operators checking what settlement holds for them, open or
 * closed epoch alike. Keyset-paginated by job id: the statement reads the epoch's partition through its
 * (epoch, provider, job_id) or (epoch, requester, job_id) index from the cursor on, so a page costs the same with one
 * epoch stored or a thousand, and the thousandth page the same as the first.
 */
@ApplicationScoped
public class ReceiptQueries {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final String COLUMNS = "SELECT job_id, requester, provider, role, kernel, spec_hash, output_hash, "
            + "work_units::text, fee::text, digest, provider_sig, requester_sig, received_at FROM settlement.receipts ";
    /** One page: the provider's receipts of the epoch after the cursor, in job id order. */
    public static final String PROVIDER_PAGE = COLUMNS
            + "WHERE epoch = $1 AND provider = $2 AND job_id > $3 ORDER BY job_id LIMIT $4";
    /** One page: the requester's receipts of the epoch after the cursor, in job id order. */
    public static final String REQUESTER_PAGE = COLUMNS
            + "WHERE epoch = $1 AND requester = $2 AND job_id > $3 ORDER BY job_id LIMIT $4";
    private static final Pattern JOB_ID = Pattern.compile("0x[0-9a-f]{64}");

    @Inject
    SettlementRuntime runtime;

    /** A receipt as stored; amounts are decimal strings of wei, signatures 0x-hex. */
    public record StoredReceiptView(String jobId, String requester, String provider, int role, String kernel,
            String specHash, String outputHash, String workUnits, String fee, String digest, String providerSignature,
            String requesterSignature, String receivedAt) {
    }

    /**
     * One page of one provider's or one requester's receipts: the party not filtered on is left out of the JSON.
     * {@code next} is the {@code after} of the next page, null on the last one.
     */
    public record ReceiptPage(long epoch, @JsonInclude(JsonInclude.Include.NON_NULL) String provider,
            @JsonInclude(JsonInclude.Include.NON_NULL) String requester, List<StoredReceiptView> receipts, String next) {
    }

    /** Whose receipts a page lists: the receipt's provider or its requester. */
    public enum Party {
        PROVIDER("provider", PROVIDER_PAGE), REQUESTER("requester", REQUESTER_PAGE);

        private final String parameter;
        private final String sql;

        Party(String parameter, String sql) {
            this.parameter = parameter;
            this.sql = sql;
        }

        /** The query parameter (and GraphQL argument) that names the party. */
        public String parameter() {
            return parameter;
        }
    }

    /**
     * The page of whichever of {@code provider} and {@code requester} is given.
     *
     * @throws ApiException 400 {@code invalid_address} (neither or both given, or not an address), and as
     *     {@link #page(Party, long, String, Optional, int)}
     */
    public ReceiptPage page(long epoch, Optional<String> provider, Optional<String> requester, Optional<String> after,
            int limit) {
        if (provider.isPresent() == requester.isPresent()) {
            throw ApiException.badRequest("invalid_address", "give exactly one of provider and requester: 0x + 40 hex digits");
        }
        return provider.isPresent() ? page(Party.PROVIDER, epoch, provider.get(), after, limit)
                : page(Party.REQUESTER, epoch, requester.get(), after, limit);
    }

    /**
     * @param address the provider's or requester's address, in any case
     * @param after the last job id of the previous page, empty for the first page
     * @throws ApiException 400 {@code invalid_epoch}, {@code invalid_address} (address missing or not an address),
     *     {@code invalid_cursor} (after is not a job id), {@code invalid_limit}
     */
    public ReceiptPage page(Party party, long epoch, String address, Optional<String> after, int limit) {
        if (epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        String a = Optional.ofNullable(address).flatMap(Address::tryParse).map(Address::toString).orElseThrow(() ->
                ApiException.badRequest("invalid_address", party.parameter + " must be 0x + 40 hex digits"));
        if (after.isPresent() && !JOB_ID.matcher(after.get()).matches()) {
            throw ApiException.badRequest("invalid_cursor", "after must be the next of a previous page: a job id, 0x and 64 "
                    + "lower-case hex digits");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_LIMIT);
        }
        List<StoredReceiptView> out = new ArrayList<>();
        for (Row r : runtime.pool().preparedQuery(party.sql).executeAndAwait(Tuple.of(epoch, a, after.orElse(""), limit))) {
            out.add(new StoredReceiptView(r.getString("job_id"), r.getString("requester"), r.getString("provider"),
                    r.getShort("role"), r.getString("kernel"), r.getString("spec_hash"), r.getString("output_hash"),
                    r.getString("work_units"), r.getString("fee"), r.getString("digest"), r.getString("provider_sig"),
                    r.getString("requester_sig"), r.getOffsetDateTime("received_at").toInstant().toString()));
        }
        String next = out.size() == limit ? out.get(out.size() - 1).jobId() : null;
        return party == Party.PROVIDER ? new ReceiptPage(epoch, a, null, out, next) : new ReceiptPage(epoch, null, a, out, next);
    }
}
