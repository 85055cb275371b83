package io.cipherocto.governance;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.governance.chain.ChainVotes;
import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.governance.chain.RpcProposalEvents;
import io.cipherocto.governance.store.BallotStore;
import io.cipherocto.governance.vote.PendingBallots;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.chain.ChainAccess;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Wires the governance services on first use, so a node without chain or database settings still boots (requests
 * then answer 503 {@code chain_unavailable}): the governor gateway and its caches from {@link ChainAccess}, the
 * ballot store on the reactive PostgreSQL pool, the in-flight ballot index.
 */
@ApplicationScoped
public class GovernanceRuntime {
    @Inject
    ChainAccess chainAccess;

    @Inject
    Instance<Pool> pool;

    @Inject
    GovernanceConfig config;

    private volatile ChainVotes chainVotes;
    private volatile BallotStore store;
    private volatile PendingBallots pending;

    public GovernanceConfig config() {
        return config;
    }

    /** The cached chain view; 503 chain_unavailable when octo.rpc-url / octo.manifest are not set. */
    public ChainVotes chain() {
        ChainVotes c = chainVotes;
        if (c == null) {
            synchronized (this) {
                if (chainVotes == null) {
                    GovernorGateway g = gateway();
                    chainVotes = new ChainVotes(g, new RpcProposalEvents(g.web3j(), g.governor()), config.cache().headTtl());
                }
                c = chainVotes;
            }
        }
        return c;
    }

    /** A new uncached gateway to the governor and staking contracts of the manifest. */
    public GovernorGateway gateway() {
        try {
            DeploymentManifest m = chainAccess.manifest();
            return new GovernorGateway(chainAccess.web3j(), m.address(DeploymentManifest.GOVERNOR),
                    m.address(DeploymentManifest.STAKING), m.deployBlock());
        } catch (RuntimeException e) {
            throw ApiException.unavailable("chain_unavailable", "the chain is not configured or not reachable: "
                    + e.getMessage());
        }
    }

    public BallotStore store() {
        BallotStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    store = new BallotStore(pool.get());
                }
                s = store;
            }
        }
        return s;
    }

    /** The reactive PostgreSQL pool (the node's datasource). */
    public Pool pool() {
        return pool.get();
    }

    public PendingBallots pending() {
        PendingBallots p = pending;
        if (p == null) {
            synchronized (this) {
                if (pending == null) {
                    pending = new PendingBallots(store());
                }
                p = pending;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (store != null) {
            store.close();
        }
    }
}
