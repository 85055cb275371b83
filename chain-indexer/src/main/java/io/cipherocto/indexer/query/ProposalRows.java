package io.cipherocto.indexer.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.chain.events.IndexedProposal;
import io.cipherocto.chain.events.IndexedVote;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The governor's ProposalCreated and VoteCast rows as {@link IndexedProposal}s and {@link IndexedVote}s. */
final class ProposalRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ProposalCreated columns {@link #proposals} reads, up to the table name. */
    static final String SELECT = "SELECT proposal_id::text AS id, proposer, description, targets::text AS targets, "
            + "\"values\"::text AS vals, calldatas::text AS calldatas, vote_start::text AS vs, vote_end::text AS ve, "
            + "block_number, log_index, tx_hash FROM ";

    /** The columns of both vote tables {@link #votes} reads, up to the table name. */
    static final String VOTE_SELECT = "SELECT voter, proposal_id::text AS id, support, weight::text AS weight, reason, "
            + "block_number, log_index, tx_hash FROM ";

    private ProposalRows() {}

    static List<IndexedProposal> proposals(RowSet<Row> rows) {
        List<IndexedProposal> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(proposal(r));
        }
        return out;
    }

    static List<IndexedVote> votes(RowSet<Row> rows) {
        List<IndexedVote> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new IndexedVote(r.getString("voter"), new BigInteger(r.getString("id")), r.getLong("support").intValue(),
                    new BigInteger(r.getString("weight")), r.getString("reason"), r.getLong("block_number"),
                    r.getInteger("log_index"), r.getString("tx_hash")));
        }
        return out;
    }

    private static IndexedProposal proposal(Row r) {
        List<IndexedProposal.Action> actions = new ArrayList<>();
        try {
            JsonNode targets = JSON.readTree(r.getString("targets"));
            JsonNode values = JSON.readTree(r.getString("vals"));
            JsonNode calldatas = JSON.readTree(r.getString("calldatas"));
            for (int i = 0; i < targets.size(); i++) {
                actions.add(new IndexedProposal.Action(targets.get(i).asText(), new BigInteger(values.path(i).asText("0")),
                        calldatas.path(i).asText("0x")));
            }
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalStateException("stored proposal " + r.getString("id") + " is not readable", e);
        }
        return new IndexedProposal(new BigInteger(r.getString("id")), r.getString("proposer"), r.getString("description"),
                actions, new BigInteger(r.getString("vs")), new BigInteger(r.getString("ve")), r.getLong("block_number"),
                r.getInteger("log_index"), r.getString("tx_hash"));
    }
}
