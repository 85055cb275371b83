package io.cipherocto.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** The shared lifecycle of background roles: on or off per node, why off, a named daemon thread, a bounded stop. */
class RoleLifecycleTest {
    private static final Logger LOG = Logger.getLogger(RoleLifecycleTest.class);

    private static RoleLifecycle verifier() {
        return new RoleLifecycle(NodeRole.VERIFIER, "verifier", "octo-verifier-test", LOG);
    }

    @Test
    void roleNotInOctoRoles_isOff_withTheReason() {
        RoleLifecycle l = verifier();
        assertThat(l.runsOn(new NodeRoles("indexer,settlement"))).isFalse();
        assertThat(l.offReason()).contains("the verifier role is not enabled on this node (octo.roles)");
        assertThat(l.running()).isFalse();
    }

    @Test
    void roleInOctoRoles_runsOn_andStaysNotStartedUntilStarted() {
        RoleLifecycle l = verifier();
        assertThat(l.runsOn(new NodeRoles(NodeRole.ALL))).isTrue();
        assertThat(l.offReason()).contains("not started");
    }

    @Test
    void notStarted_recordsTheReason() {
        RoleLifecycle l = verifier();
        l.notStarted("octo.verifier.key is not set");
        assertThat(l.offReason()).contains("octo.verifier.key is not set");
    }

    @Test
    void start_runsTheWorkOnANamedDaemonPlatformThread_andClearsTheOffReason() throws Exception {
        RoleLifecycle l = verifier();
        l.off("earlier reason");
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        l.start(() -> {
            ranOn.complete(Thread.currentThread());
            awaitQuietly(release);
        });
        Thread t = ranOn.get(5, TimeUnit.SECONDS);
        assertThat(t.getName()).isEqualTo("octo-verifier-test");
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.isVirtual()).isFalse();
        assertThat(l.offReason()).isEmpty();
        assertThat(l.running()).isTrue();
        release.countDown();
        assertThat(l.stop()).isTrue();
    }

    @Test
    void stop_signalsThenInterrupts_andWaitsForTheThread() {
        RoleLifecycle l = verifier();
        AtomicBoolean signalled = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        l.start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, () -> signalled.set(true));
        assertThat(l.stop()).isTrue();
        assertThat(signalled).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(l.running()).isFalse();
        assertThat(l.offReason()).contains("verifier stopped");
    }

    @Test
    void stop_withoutStart_doesNothing() {
        RoleLifecycle l = verifier();
        l.off("octo.rpc-url or octo.manifest is not set");
        assertThat(l.stop()).isTrue();
        assertThat(l.offReason()).contains("octo.rpc-url or octo.manifest is not set");
    }

    @Test
    void workThatThrows_endsTheRole_withTheMessageAsOffReason() throws Exception {
        RoleLifecycle l = verifier();
        l.start(() -> {
            throw new IllegalStateException("database unreachable");
        });
        for (int i = 0; i < 500 && l.offReason().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(l.offReason()).contains("verifier stopped: database unreachable");
    }

    @Test
    void startingTwice_isRejected() {
        RoleLifecycle l = verifier();
        CountDownLatch release = new CountDownLatch(1);
        l.start(() -> awaitQuietly(release));
        try {
            assertThatThrownBy(() -> l.start(() -> { })).isInstanceOf(IllegalStateException.class);
        } finally {
            release.countDown();
            l.stop();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
