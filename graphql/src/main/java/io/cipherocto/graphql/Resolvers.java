package io.cipherocto.graphql;

import io.cipherocto.chain.events.IndexerUnavailableException;
import io.cipherocto.governance.api.ProposalDetail;
import io.cipherocto.governance.api.ProposalView;
import io.cipherocto.governance.indexed.IndexedProposals;
import io.cipherocto.governance.query.GovernanceQueries;
import io.cipherocto.governance.query.IndexedProposalViews;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Wei;
import io.cipherocto.settlement.api.AuditQueries;
import io.cipherocto.settlement.api.EpochQueries;
import io.cipherocto.settlement.api.ReceiptQueries;
import io.cipherocto.settlement.api.RewardQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Query fields: each one validates its arguments as the REST endpoint does and calls the public query bean of
 * settlement or governance (or {@link StakeReader} for the chain); nothing here reads a table. A field of a role this
 * node does not run answers 404 {@code role_not_served}, as the REST API does.
 */
@ApplicationScoped
public class Resolvers {
    /** Most proposals one page holds. */
    static final int MAX_PROPOSALS = 100;

    @Inject
    NodeRoles roles;

    @Inject
    EpochQueries epochs;

    @Inject
    RewardQueries rewards;

    @Inject
    ReceiptQueries receipts;

    @Inject
    AuditQueries audit;

    @Inject
    IndexedProposals indexedProposals;

    @Inject
    IndexedProposalViews proposalViews;

    @Inject
    GovernanceQueries governance;

    @Inject
    StakeReader stakes;

    @Inject
    io.cipherocto.settlement.api.ProviderProfiles providerProfiles;

    @Inject
    io.cipherocto.governance.query.MemberProfiles memberProfiles;

    /** A keyset page: the items and the cursor of the next page (null on the last). */
    public record Connection<T>(List<T> items, String next) {
    }

    /**
     * A page that names its owner (earnings of an address, receipts of a provider or a requester in an epoch, events of
     * a kind).
     */
    public record OwnedConnection<T>(String address, Long epoch, String provider, String requester, String contract,
            String event, List<T> items, String next) {
    }

    // ------------------------------------------------------------------ settlement

    public Connection<EpochQueries.EpochView> epochs(String after, int limit) {
        require(NodeRole.SETTLEMENT);
        EpochQueries.EpochPage p = epochs.page(epochCursor(after), limit);
        return new Connection<>(p.epochs(), text(p.next()));
    }

    public EpochQueries.EpochView epoch(long epoch) {
        require(NodeRole.SETTLEMENT);
        return epochs.get(epoch);
    }

    public RewardQueries.AddressRewards rewards(String address) {
        require(NodeRole.SETTLEMENT);
        return rewards.rewards(address);
    }

    public OwnedConnection<RewardQueries.EpochEarnings> earnings(String address, String after, int limit) {
        require(NodeRole.SETTLEMENT);
        RewardQueries.EarningsPage p = rewards.earnings(address, epochCursor(after), limit);
        return new OwnedConnection<>(p.address(), null, null, null, null, null, p.epochs(), text(p.next()));
    }

    /** One provider's or one requester's receipts of an epoch (exactly one of the two), as the REST endpoint. */
    public OwnedConnection<ReceiptQueries.StoredReceiptView> receipts(long epoch, String provider, String requester,
            String after, int limit) {
        require(NodeRole.SETTLEMENT);
        ReceiptQueries.ReceiptPage p = receipts.page(epoch, Optional.ofNullable(provider), Optional.ofNullable(requester),
                Optional.ofNullable(after), limit);
        return new OwnedConnection<>(null, p.epoch(), p.provider(), p.requester(), null, null, p.receipts(), p.next());
    }

    public Map<String, Object> attestations(Long epoch, String provider) {
        require(NodeRole.SETTLEMENT);
        if (epoch != null && epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        return audit.attestations(epoch, provider);
    }

    public Map<String, Object> slashes(String provider) {
        Map<String, Object> a = attestations(null, provider);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executed", a.get("slashesExecuted"));
        out.put("cancelled", a.get("slashesCancelled"));
        return out;
    }

    @SuppressWarnings("unchecked")
    public OwnedConnection<Object> events(String contract, String event, long fromBlock, Long toBlock, String after, int limit) {
        require(NodeRole.SETTLEMENT);
        Map<String, Object> p = audit.events(contract, event, fromBlock, toBlock == null ? Long.MAX_VALUE : toBlock,
                Optional.ofNullable(after), limit, 0);
        return new OwnedConnection<>(null, null, null, null, (String) p.get("contract"), (String) p.get("event"),
                (List<Object>) p.get("events"), (String) p.get("next"));
    }

    // ------------------------------------------------------------------ chain

    public StakeReader.StakeView stake(String provider, int role, Long block) {
        return stakes.stake(provider, role, Optional.ofNullable(block));
    }

    // ------------------------------------------------------------------ governance

    /**
     * Proposals newest first, with state and tallies derived from the indexed events (one head read per page). The
     * cursor is the position of the previous page's last proposal ({@code <block>-<logIndex>}): a keyset page.
     */
    public Connection<ProposalDetail> proposals(String after, int limit) {
        require(NodeRole.GOVERNANCE);
        if (limit < 1 || limit > MAX_PROPOSALS) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_PROPOSALS);
        }
        Optional<io.cipherocto.chain.events.EventCursor> before = Optional.ofNullable(after).filter(a -> !a.isEmpty())
                .map(a -> io.cipherocto.chain.events.EventCursor.parse(a).orElseThrow(() -> ApiException.badRequest(
                        "invalid_cursor", "after must be the next of a previous page: <blockNumber>-<logIndex>")));
        List<IndexedProposals.Created> created = indexedProposals.proposalsBefore(before, limit);
        List<ProposalView> views = proposalViews.views(created);
        List<ProposalDetail> out = new ArrayList<>(created.size());
        for (int i = 0; i < created.size(); i++) {
            out.add(detail(views.get(i), Optional.of(created.get(i))));
        }
        return new Connection<>(out, created.size() == limit ? created.get(created.size() - 1).cursor().text() : null);
    }

    public ProposalDetail proposal(String id) {
        require(NodeRole.GOVERNANCE);
        BigInteger pid = proposalId(id, "id");
        ProposalView v = governance.proposal(pid);
        Optional<IndexedProposals.Created> c;
        try {
            c = indexedProposals.proposal(pid);
        } catch (IndexerUnavailableException e) {
            c = Optional.empty(); // the governor's data only, as GET /governance/proposals/{id} answers
        }
        return detail(v, c);
    }

    public List<IndexedProposals.Vote> votes(String proposalId) {
        require(NodeRole.GOVERNANCE);
        return indexedProposals.votes(new BigInteger(proposalId));
    }

    public io.cipherocto.governance.api.VotingPowerView votingPower(String address, String proposalId) {
        require(NodeRole.GOVERNANCE);
        return governance.votingPower(address(address), Optional.ofNullable(proposalId).map(s -> proposalId(s, "proposalId")));
    }

    /** A provider's profile, as GET /api/v1/providers/{address}. */
    public io.cipherocto.settlement.api.ProviderProfiles.ProviderProfile provider(String address) {
        require(NodeRole.SETTLEMENT);
        return providerProfiles.profile(address);
    }

    /** A member's profile, as GET /api/v1/governance/members/{address}. */
    public io.cipherocto.governance.query.MemberProfiles.MemberProfile member(String address) {
        require(NodeRole.GOVERNANCE);
        return memberProfiles.profile(address(address));
    }

    // ------------------------------------------------------------------ plumbing

    private static ProposalDetail detail(ProposalView v, Optional<IndexedProposals.Created> c) {
        return new ProposalDetail(v.proposalId(), v.state(), v.snapshot(), v.deadline(), v.proposer(), v.votes(), v.quorum(),
                v.eta(), v.block(), c.map(IndexedProposals.Created::description).orElse(null),
                c.map(IndexedProposals.Created::actions).orElse(List.of()),
                c.map(IndexedProposals.Created::block).orElse(null), c.map(IndexedProposals.Created::txHash).orElse(null));
    }

    private void require(NodeRole role) {
        if (!roles.runs(role)) {
            throw ApiException.notFound("role_not_served", "this node does not run the " + role.id() + " role ("
                    + NodeRole.SETTING + ")");
        }
    }

    /** The canonical (lower-case) form of the kernel {@link Address} {@code s}; 400 invalid_address otherwise. */
    private static String address(String s) {
        return Optional.ofNullable(s).flatMap(Address::tryParse).map(Address::toString).orElseThrow(() ->
                ApiException.badRequest("invalid_address", "address must be 0x + 40 hex digits"));
    }

    /** An epoch cursor (the next of a previous page): a decimal epoch >= 0. */
    private static Optional<Long> epochCursor(String after) {
        if (after == null) {
            return Optional.empty();
        }
        BigInteger e = Scalars.integer(after);
        if (e == null || e.signum() < 0 || e.bitLength() >= 64) {
            throw ApiException.badRequest("invalid_cursor", "after must be the next of a previous page (an epoch number)");
        }
        return Optional.of(e.longValue());
    }

    private static BigInteger proposalId(String s, String field) {
        if (s == null || s.isEmpty() || s.length() > 78 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw ApiException.badRequest("invalid_field", field + ": must be a decimal uint256");
        }
        BigInteger v = new BigInteger(s);
        if (!Wei.fitsUint256(v)) {
            throw ApiException.badRequest("invalid_field", field + ": out of uint256 range");
        }
        return v;
    }

    private static String text(Long cursor) {
        return cursor == null ? null : cursor.toString();
    }
}
