package io.cipherocto.indexer.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.rpc.BlockHeader;
import io.cipherocto.indexer.rpc.ChainRpc;
import io.cipherocto.indexer.rpc.RpcException;
import io.cipherocto.indexer.store.Checkpoint;
import io.cipherocto.indexer.store.IndexerStore;
import io.cipherocto.indexer.store.WriterConnections;
import io.cipherocto.indexer.sync.ContractSet;
import io.cipherocto.indexer.sync.Indexer;
import io.cipherocto.indexer.sync.IndexerConfig;
import io.cipherocto.indexer.sync.IndexerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One anvil with the deployed suite and one embedded PostgreSQL with the indexer's migrations, shared by the tests
 * of a class; runs indexers against them and checks the database against the chain with {@link ChainTruth}.
 */
public final class IndexerHarness implements AutoCloseable {
    static {
        // Outside Quarkus the context-propagation provider is set lazily and racily by the first Mutiny calls:
        // set it once here, before several threads use the reactive client.
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
    }

    public final AnvilNode anvil;
    public final DeploymentManifest manifest;
    public final TestDatabase db;
    public final ChainDriver driver;
    public final EventCatalog catalog = EventCatalog.suite();

    public IndexerHarness(AnvilNode anvil, TestDatabase db) {
        try {
            this.anvil = anvil;
            this.db = db;
            Path dir = Files.createTempDirectory("octo-indexer-it");
            DeploymentConfig config = DeploymentConfig.dev();
            config.epochLengthBlocks = 10;
            this.manifest = new SuiteDeployer(Chain.connect(anvil.web3j(), DevAccounts.get(0)), config,
                    dir.resolve("deployment.json")).deploy();
            this.driver = new ChainDriver(anvil, manifest.address(DeploymentManifest.OCTO));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static IndexerHarness start() {
        return new IndexerHarness(AnvilNode.start(), TestDatabase.start("indexer"));
    }

    /** An indexer on its own thread, with its own pool (so that stopping it is like killing a process). */
    public final class Running implements AutoCloseable {
        public final Indexer indexer;
        public final Thread thread;
        public final ChainRpc rpc;
        public final Pool pool;
        public final IndexerStore store;

        Running(IndexerConfig config, String rpcUrl) {
            this.rpc = new ChainRpc(rpcUrl, config.rpcTimeout(), config.headerConcurrency());
            this.pool = db.newPool(4);
            this.store = new IndexerStore(pool, writerConnections(), manifest.chainId(), catalog);
            this.indexer = new Indexer(rpc, store, catalog, ContractSet.of(manifest), config,
                    new IndexerMetrics(new SimpleMeterRegistry()), manifest.deployBlock());
            this.thread = new Thread(indexer, "indexer-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        /** Stops abruptly: interrupts whatever it is doing and drops its connections. */
        public void kill() {
            indexer.stop();
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool.closeAndAwait();
            rpc.close();
        }

        @Override
        public void close() {
            kill();
        }
    }

    /** The writer's JDBC connections to the test database. */
    public WriterConnections writerConnections() {
        return WriterConnections.of(db.jdbcUrl(), io.cipherocto.devkit.EmbeddedDatabase.USER, "");
    }

    public Running run(IndexerConfig config) {
        return new Running(config, anvil.rpcUrl());
    }

    public Running run(IndexerConfig config, String rpcUrl) {
        return new Running(config, rpcUrl);
    }

    public static IndexerConfig fastConfig() {
        return IndexerConfig.defaults().withPollInterval(Duration.ofMillis(100)).withRpcTimeout(Duration.ofSeconds(5));
    }

    public long head() {
        return anvil.blockNumber().longValueExact();
    }

    public String headHash() {
        try (ChainRpc rpc = new ChainRpc(anvil.rpcUrl(), Duration.ofSeconds(10), 1)) {
            return rpc.header(head()).orElseThrow().hash();
        } catch (RpcException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Checkpoint> checkpoint() {
        return new IndexerStore(db.pool(), writerConnections(), manifest.chainId(), catalog).checkpoint();
    }

    /** Waits until the stored checkpoint is the chain's head block (same number and hash). */
    public void awaitCaughtUp(Duration timeout) {
        await(timeout, () -> {
            Optional<Checkpoint> cp = checkpoint();
            return cp.isPresent() && cp.get().block() == head() && cp.get().hash().map(h -> h.equals(headHash())).orElse(false);
        }, () -> "indexer did not catch up with head " + head() + " (checkpoint " + checkpoint() + ")");
    }

    public static void await(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError(failure.get());
    }

    /** Every log of the suite up to the checkpoint is in its table once, with the fields eth_getLogs gives; nothing else is. */
    public ChainTruth.Report assertDatabaseMatchesChain() {
        Checkpoint cp = checkpoint().orElseThrow();
        try (ChainRpc rpc = new ChainRpc(anvil.rpcUrl(), Duration.ofSeconds(30), 2)) {
            List<RpcLog> logs = RpcLog.fetch(anvil.rpcUrl(), manifest.deployBlock(), cp.block(),
                    ContractSet.of(manifest).addresses());
            ChainTruth.Report r = new ChainTruth(catalog, manifest).compare(logs, db);
            assertThat(r.mismatches()).as("rows that differ from eth_getLogs").isEmpty();
            assertThat(r.rowsInDatabase()).as("rows in the database").isEqualTo(r.logsOnChain());
            if (cp.hash().isPresent()) {
                BlockHeader h = rpc.header(cp.block()).orElseThrow();
                assertThat(cp.hash().get()).as("checkpoint hash is the chain's").isEqualTo(h.hash());
            }
            return r;
        } catch (RpcException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        db.close();
        anvil.close();
    }
}
