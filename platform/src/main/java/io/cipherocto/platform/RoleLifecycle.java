package io.cipherocto.platform;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The lifecycle every background role shares (the indexer, the settlement worker, the governance relayer, the
 * verifier): whether the role runs on this node ({@code octo.roles}), why it is off when it is not running, its worker
 * on a named daemon platform thread, and stopping that thread at shutdown (signal, interrupt, then wait at most
 * {@link #STOP_WAIT}). A role's bean holds one and calls it from its startup and shutdown observers:
 *
 * <pre>{@code
 * private final RoleLifecycle lifecycle = new RoleLifecycle(NodeRole.VERIFIER, "verifier", "octo-verifier", LOG);
 *
 * void onStart(@Observes StartupEvent e) {
 *     if (!lifecycle.runsOn(roles)) {
 *         return;
 *     }
 *     if (key.isEmpty()) {
 *         lifecycle.notStarted("octo.verifier.key is not set"); // logged once, and the off reason
 *         return;
 *     }
 *     lifecycle.start(loop, loop::stop);
 * }
 *
 * void onStop(@Observes ShutdownEvent e) {
 *     lifecycle.stop();
 * }
 * }</pre>
 *
 * <p>A worker that ends by throwing is logged as {@code "<name> stopped: <message>"} and that becomes the off reason.
 */
public final class RoleLifecycle {
    /** The longest {@link #stop()} waits for the worker's thread to end. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final NodeRole role;
    private final String name;
    private final String threadName;
    private final Logger log;
    private volatile Optional<String> off = Optional.of("not started");
    private volatile Optional<Thread> thread = Optional.empty();
    private volatile Runnable stopSignal = () -> { };
    private volatile boolean stopping;

    /**
     * @param role the role whose {@code octo.roles} entry decides whether it runs here
     * @param name what logs call it ("settlement worker")
     * @param threadName the worker thread's name
     * @param log the role's logger (the messages keep the role's category)
     */
    public RoleLifecycle(NodeRole role, String name, String threadName, Logger log) {
        this.role = Objects.requireNonNull(role, "role");
        this.name = Objects.requireNonNull(name, "name");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.log = Objects.requireNonNull(log, "log");
    }

    public NodeRole role() {
        return role;
    }

    /**
     * Whether this node runs the role; when not, the off reason says so ("the verifier role is not enabled on this
     * node (octo.roles)").
     */
    public boolean runsOn(NodeRoles roles) {
        if (roles.runs(role)) {
            return true;
        }
        off("the " + role.id() + " role is not enabled on this node (" + NodeRole.SETTING + ")");
        return false;
    }

    /** Records why the role does not run here, without logging (an expected setting, such as a disabled worker). */
    public void off(String reason) {
        off = Optional.of(Objects.requireNonNull(reason, "reason"));
    }

    /** Records why the role does not run here and logs it once as a warning: {@code "<name> not started: <reason>"}. */
    public void notStarted(String reason) {
        off(reason);
        log.warnf("%s not started: %s", name, reason);
    }

    /** Starts {@code work} on the role's daemon thread; the off reason is cleared. */
    public void start(Runnable work) {
        start(work, () -> { });
    }

    /**
     * Starts {@code work} on the role's daemon thread; the off reason is cleared.
     *
     * @param stopSignal asks {@code work} to return (a flag it polls); {@link #stop()} runs it before interrupting
     * @throws IllegalStateException when already started
     */
    public synchronized void start(Runnable work, Runnable stopSignal) {
        Objects.requireNonNull(work, "work");
        if (thread.isPresent()) {
            throw new IllegalStateException(name + " already started");
        }
        this.stopSignal = Objects.requireNonNull(stopSignal, "stopSignal");
        Thread t = Thread.ofPlatform().daemon().name(threadName).unstarted(() -> run(work));
        thread = Optional.of(t);
        off = Optional.empty();
        t.start();
    }

    private void run(Runnable work) {
        try {
            work.run();
            if (!stopping) {
                off(name + " stopped");
            }
        } catch (RuntimeException e) {
            off(name + " stopped: " + e.getMessage());
            if (!stopping) {
                log.errorf("%s stopped: %s", name, e.getMessage());
            }
        }
    }

    /**
     * Stops the worker: runs its stop signal, interrupts its thread and waits at most {@link #STOP_WAIT} for it to end.
     * Does nothing when it never started.
     *
     * @return whether the thread has ended (or never started)
     */
    public boolean stop() {
        stopping = true;
        Optional<Thread> started = thread;
        if (started.isEmpty()) {
            return true;
        }
        Thread t = started.get();
        try {
            stopSignal.run();
        } catch (RuntimeException e) {
            log.debugf("%s: stop signal failed: %s", name, e.getMessage());
        }
        t.interrupt();
        try {
            t.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warnf("%s did not stop within %d ms", name, STOP_WAIT.toMillis());
            return false;
        }
        off(name + " stopped");
        return true;
    }

    /** Whether the worker's thread is running. */
    public boolean running() {
        return thread.map(Thread::isAlive).orElse(false);
    }

    /** Why the role is not running, when it is not ("not started" until {@link #start} or an off reason). */
    public Optional<String> offReason() {
        return off;
    }
}
