package io.cipherocto.governance.indexed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proposals and votes as the chain-indexer stored the governor's events ({@code indexer.octo_governor_proposal_created},
 * {@code indexer.octo_governor_vote_cast}, {@code indexer.octo_governor_vote_cast_with_params}).
 */
public final class IndexedProposals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;

    public IndexedProposals(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** One action of a proposal: target, value (wei), calldata, and the decoded call when the target is ours. */
    public record Action(String target, String value, String calldata, Optional<CalldataDecoder.DecodedCall> decoded) {}

    /** A ProposalCreated event. */
    public record Created(String proposalId, String proposer, String description, List<Action> actions, String voteStart,
            String voteEnd, long block, String txHash) {}

    /** A vote counted on chain. */
    public record Vote(String voter, int support, String weight, String reason, long block, String txHash) {}

    /** Proposals newest first. */
    public List<Created> proposals(int offset, int limit) {
        List<Created> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT proposal_id::text AS id, proposer, description, targets::text AS targets, "
                + "\"values\"::text AS vals, calldatas::text AS calldatas, vote_start::text AS vs, vote_end::text AS ve, "
                + "block_number, tx_hash FROM indexer.octo_governor_proposal_created "
                + "ORDER BY block_number DESC, log_index DESC OFFSET $1 LIMIT $2").executeAndAwait(Tuple.of(offset, limit))) {
            out.add(created(r));
        }
        return out;
    }

    public long count() {
        return pool.query("SELECT count(*) FROM indexer.octo_governor_proposal_created").executeAndAwait().iterator().next()
                .getLong(0);
    }

    public Optional<Created> proposal(BigInteger id) {
        var it = pool.preparedQuery("SELECT proposal_id::text AS id, proposer, description, targets::text AS targets, "
                + "\"values\"::text AS vals, calldatas::text AS calldatas, vote_start::text AS vs, vote_end::text AS ve, "
                + "block_number, tx_hash FROM indexer.octo_governor_proposal_created WHERE proposal_id = $1::text::numeric")
                .executeAndAwait(Tuple.of(id.toString())).iterator();
        return it.hasNext() ? Optional.of(created(it.next())) : Optional.empty();
    }

    /** Votes of a proposal in chain order (with and without params). */
    public List<Vote> votes(BigInteger id) {
        List<Vote> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT voter, support, weight::text AS weight, reason, block_number, log_index, tx_hash "
                + "FROM indexer.octo_governor_vote_cast WHERE proposal_id = $1::text::numeric UNION ALL "
                + "SELECT voter, support, weight::text, reason, block_number, log_index, tx_hash "
                + "FROM indexer.octo_governor_vote_cast_with_params WHERE proposal_id = $1::text::numeric "
                + "ORDER BY block_number, log_index").executeAndAwait(Tuple.of(id.toString()))) {
            out.add(new Vote(r.getString("voter"), r.getLong("support").intValue(), r.getString("weight"), r.getString("reason"),
                    r.getLong("block_number"), r.getString("tx_hash")));
        }
        return out;
    }

    private static Created created(Row r) {
        List<Action> actions = new ArrayList<>();
        try {
            JsonNode targets = JSON.readTree(r.getString("targets"));
            JsonNode values = JSON.readTree(r.getString("vals"));
            JsonNode calldatas = JSON.readTree(r.getString("calldatas"));
            for (int i = 0; i < targets.size(); i++) {
                String data = calldatas.path(i).asText("0x");
                actions.add(new Action(targets.get(i).asText(), values.path(i).asText("0"), data,
                        CalldataDecoder.suite().decode(data)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("stored proposal is not readable", e);
        }
        return new Created(r.getString("id"), r.getString("proposer"), r.getString("description"), actions,
                r.getString("vs"), r.getString("ve"), r.getLong("block_number"), r.getString("tx_hash"));
    }
}
