package io.cipherocto.settlement;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.chain.ChainAccess;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.settlement.audit.AuditVerifier;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.receipt.ReceiptService;
import io.cipherocto.settlement.receipt.SenderActivity;
import io.cipherocto.settlement.store.ReceiptPartitions;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.store.ReceiptWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;

/**
 * The settlement services of this node, built on first use from the node's chain access and database pool. The
 * chain is optional at boot: calls that need it answer 503 {@code chain_unavailable} until it is configured.
 */
@ApplicationScoped
public class SettlementRuntime {
    @Inject
    ChainAccess chainAccess;

    @Inject
    Pool pool;

    @Inject
    SettlementConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    io.cipherocto.platform.db.JdbcTarget database;

    /** The receipt writes' JDBC pool (COPY), opened on the first write; absent without a database URL. */
    private java.util.Optional<ReceiptWriter> writer = java.util.Optional.empty();

    private volatile SettlementChain chain;
    private SenderActivity senderActivity;

    @PostConstruct
    void init() {
        SettlementConfig.SenderMetrics m = config.senderMetrics();
        senderActivity = new SenderActivity(registry, m.maxSenders(), m.silentAfter(), InstantSource.system());
        writer = database.url().map(url -> ReceiptWriter.of(url, database.user(), database.password()));
    }

    @PreDestroy
    void close() {
        senderActivity.close();
        writer.ifPresent(ReceiptWriter::close);
    }
    /** Shared by the receipt stores, so a partition known to exist is not looked up again (ReceiptPartitions). */
    private final ReceiptPartitions partitions = new ReceiptPartitions();

    public SettlementConfig config() {
        return config;
    }

    public Pool pool() {
        return pool;
    }

    /** The chain view; 503 chain_unavailable when octo.rpc-url / octo.manifest are not set. */
    public SettlementChain chain() {
        SettlementChain c = chain;
        if (c == null) {
            synchronized (this) {
                if (chain == null) {
                    try {
                        chain = new SettlementChain(chainAccess.web3j(), chainAccess.manifest());
                    } catch (IllegalStateException e) {
                        throw ApiException.unavailable("chain_unavailable", e.getMessage());
                    }
                }
                c = chain;
            }
        }
        return c;
    }

    /** The receipt store; its writes need the database URL (quarkus.datasource.jdbc.url or .reactive.url). */
    public ReceiptStore receiptStore() {
        return writer.map(w -> new ReceiptStore(pool, partitions, w)).orElseGet(() -> new ReceiptStore(pool));
    }

    public EpochStore epochStore() {
        return new EpochStore(pool);
    }

    public ReceiptService receiptService() {
        return new ReceiptService(chain(), receiptStore(), SignatureRecoveries.best(), config.maxBatch(), senderActivity);
    }

    /** Receipts per sender since this process started (one per process: every ReceiptService counts into it). */
    public SenderActivity senderActivity() {
        return senderActivity;
    }

    public io.cipherocto.settlement.receipt.EnvelopeService envelopeService() {
        return new io.cipherocto.settlement.receipt.EnvelopeService(chain(), receiptStore(), SignatureRecoveries.best(),
                voucherService(), config.maxEnvelopeReceipts(), senderActivity);
    }

    public io.cipherocto.settlement.voucher.VoucherService voucherService() {
        return new io.cipherocto.settlement.voucher.VoucherService(chain().escrowDomain(),
                new io.cipherocto.settlement.voucher.VoucherStore(pool), SignatureRecoveries.best());
    }

    public AuditVerifier auditVerifier() {
        return AuditVerifier.over(chain(), pool);
    }
}
