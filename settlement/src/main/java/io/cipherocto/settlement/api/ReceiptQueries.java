package io.cipherocto.settlement.api;

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
 * One provider's stored receipts of one epoch ({@code GET /api/v1/epochs/{n}/receipts?provider=}), for providers
 * and operators checking what settlement holds for them, open or closed epoch alike. Keyset-paginated by job id: the
 * statement reads the epoch's partition through its (epoch, provider, job_id) index from the cursor on, so a page
 * costs the same with one epoch stored or a thousand, and the thousandth page the same as the first.
 */
@ApplicationScoped
public class ReceiptQueries {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** One page: the provider's receipts of the epoch after the cursor, in job id order. */
    public static final String PROVIDER_PAGE = "SELECT job_id, requester, provider, role, kernel, spec_hash, output_hash, "
            + "work_units::text, fee::text, digest, provider_sig, requester_sig, received_at FROM settlement.receipts "
            + "WHERE epoch = $1 AND provider = $2 AND job_id > $3 ORDER BY job_id LIMIT $4";
    private static final Pattern JOB_ID = Pattern.compile("0x[0-9a-f]{64}");

    @Inject
    SettlementRuntime runtime;

    /** A receipt as stored; amounts are decimal strings of wei, signatures 0x-hex. */
    public record StoredReceiptView(String jobId, String requester, String provider, int role, String kernel,
            String specHash, String outputHash, String workUnits, String fee, String digest, String providerSignature,
            String requesterSignature, String receivedAt) {
    }

    /** One page; {@code next} is the {@code after} of the next page, null on the last one. */
    public record ProviderReceiptPage(long epoch, String provider, List<StoredReceiptView> receipts, String next) {
    }

    /**
     * @param after the last job id of the previous page, empty for the first page
     * @throws ApiException 400 {@code invalid_epoch}, {@code invalid_address} (provider missing or not an address),
     *     {@code invalid_cursor} (after is not a job id), {@code invalid_limit}
     */
    public ProviderReceiptPage page(long epoch, String provider, Optional<String> after, int limit) {
        if (epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        String p = Optional.ofNullable(provider).flatMap(Address::tryParse).map(Address::toString).orElseThrow(() ->
                ApiException.badRequest("invalid_address", "provider must be 0x + 40 hex digits"));
        if (after.isPresent() && !JOB_ID.matcher(after.get()).matches()) {
            throw ApiException.badRequest("invalid_cursor", "after must be the next of a previous page: a job id, 0x and 64 "
                    + "lower-case hex digits");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_LIMIT);
        }
        List<StoredReceiptView> out = new ArrayList<>();
        for (Row r : runtime.pool().preparedQuery(PROVIDER_PAGE).executeAndAwait(Tuple.of(epoch, p, after.orElse(""), limit))) {
            out.add(new StoredReceiptView(r.getString("job_id"), r.getString("requester"), r.getString("provider"),
                    r.getShort("role"), r.getString("kernel"), r.getString("spec_hash"), r.getString("output_hash"),
                    r.getString("work_units"), r.getString("fee"), r.getString("digest"), r.getString("provider_sig"),
                    r.getString("requester_sig"), r.getOffsetDateTime("received_at").toInstant().toString()));
        }
        String next = out.size() == limit ? out.get(out.size() - 1).jobId() : null;
        return new ProviderReceiptPage(epoch, p, out, next);
    }
}
