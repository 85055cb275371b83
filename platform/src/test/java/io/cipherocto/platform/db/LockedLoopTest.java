package io.cipherocto.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.devkit.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two loops on one advisory lock, against a real (embedded) PostgreSQL: one runs rounds, the other waits. */
class LockedLoopTest {
    private static final Duration PAUSE = Duration.ofMillis(20);
    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Counts rounds and how many run at once (across loops sharing it). */
    private static final class Rounds implements Runnable {
        private final AtomicInteger inRound;
        private final AtomicInteger overlaps;
        final AtomicInteger count = new AtomicInteger();

        Rounds(AtomicInteger inRound, AtomicInteger overlaps) {
            this.inRound = inRound;
            this.overlaps = overlaps;
        }

        @Override
        public void run() {
            if (inRound.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inRound.decrementAndGet();
                count.incrementAndGet();
            }
        }
    }

    @Test
    void twoLoopsOnTheSameScope_neverRunRoundsAtOnce_andTheWaitingOneTakesOverWhenTheHolderStops() throws Exception {
        String id = UUID.randomUUID().toString();
        AtomicInteger inRound = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Rounds roundsA = new Rounds(inRound, overlaps);
        Rounds roundsB = new Rounds(inRound, overlaps);
        LockedLoop a = new LockedLoop(db.pool(), LockScope.WEBHOOK_DISPATCHER, id, PAUSE, roundsA);
        LockedLoop b = new LockedLoop(db.pool(), LockScope.WEBHOOK_DISPATCHER, id, PAUSE, roundsB);
        Thread ta = Thread.ofPlatform().start(a);
        Thread tb = Thread.ofPlatform().start(b);
        try {
            awaitTrue(() -> a.holdsLock() || b.holdsLock());
            Thread.sleep(500);
            assertThat(a.holdsLock() && b.holdsLock()).as("both hold the lock").isFalse();
            LockedLoop holder = a.holdsLock() ? a : b;
            LockedLoop waiter = holder == a ? b : a;
            Rounds waiterRounds = holder == a ? roundsB : roundsA;
            assertThat(waiterRounds.count.get()).as("the waiting loop ran no round").isZero();

            holder.stop();
            (holder == a ? ta : tb).join(5_000);
            assertThat(holder.holdsLock()).isFalse();
            awaitTrue(waiter::holdsLock);
            int before = waiterRounds.count.get();
            awaitTrue(() -> waiterRounds.count.get() > before + 3);
        } finally {
            a.stop();
            b.stop();
            ta.join(5_000);
            tb.join(5_000);
        }
        assertThat(overlaps.get()).as("rounds that ran while another loop's round ran").isZero();
        assertThat(roundsA.count.get() + roundsB.count.get()).isGreaterThan(5);
    }

    @Test
    void loopsOnDifferentIds_bothRun() throws Exception {
        Rounds first = new Rounds(new AtomicInteger(), new AtomicInteger());
        Rounds second = new Rounds(new AtomicInteger(), new AtomicInteger());
        LockedLoop a = new LockedLoop(db.pool(), LockScope.SETTLEMENT_WRITER, UUID.randomUUID().toString(), PAUSE, first);
        LockedLoop b = new LockedLoop(db.pool(), LockScope.SETTLEMENT_WRITER, UUID.randomUUID().toString(), PAUSE, second);
        Thread ta = Thread.ofPlatform().start(a);
        Thread tb = Thread.ofPlatform().start(b);
        try {
            awaitTrue(() -> a.holdsLock() && b.holdsLock() && first.count.get() > 0 && second.count.get() > 0);
        } finally {
            a.stop();
            b.stop();
            ta.join(5_000);
            tb.join(5_000);
        }
    }

    @Test
    void aFailingRound_isReported_andTheLoopTakesTheLockAgain() throws Exception {
        AtomicInteger acquired = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        LockedLoop loop = new LockedLoop(db.pool(), LockScope.GOVERNANCE_RELAYER, UUID.randomUUID().toString(), PAUSE,
                () -> {
                    throw new IllegalStateException("round failed");
                }).onAcquired(acquired::incrementAndGet).onFailure(e -> failures.incrementAndGet());
        Thread t = Thread.ofPlatform().start(loop);
        try {
            awaitTrue(() -> acquired.get() >= 2 && failures.get() >= 2);
        } finally {
            loop.stop();
            t.join(5_000);
        }
        assertThat(t.isAlive()).isFalse();
        assertThat(loop.holdsLock()).isFalse();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
