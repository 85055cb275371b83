package io.cipherocto.contracts.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Processes a dev environment started and that outlived it: after a {@code kill -9} of the node, anvil and the
 * embedded PostgreSQL keep running (they are separate processes) and keep their pid files. The next start finds them
 * through those pid files and stops them, so that it starts cleanly instead of failing on a held lock or port.
 */
public final class StaleProcess {
    private static final Duration GRACE = Duration.ofSeconds(20);

    private StaleProcess() {
    }

    /** The pid on the first line of {@code pidFile}, if the file exists and holds one. */
    public static Optional<Long> pid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the process named by {@code pidFile} if it is still alive and its command contains {@code commandHint}
     * (a pid reused by an unrelated process is left alone): SIGTERM, then SIGKILL after a grace period. The pid file
     * is then removed. Returns whether a live process was stopped.
     */
    public static boolean reap(Path pidFile, String commandHint, Consumer<String> progress) {
        Optional<ProcessHandle> stale = pid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains(commandHint)).orElse(false));
        boolean stopped = false;
        if (stale.isPresent()) {
            ProcessHandle p = stale.get();
            progress.accept("stopping " + commandHint + " (pid " + p.pid() + ") left running by an earlier start that did "
                    + "not shut down");
            p.destroy();
            try {
                p.onExit().get(GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
                try {
                    p.onExit().get(GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                    // reported below if it is still alive
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit does not fail
            }
            if (p.isAlive()) {
                throw new IllegalStateException(commandHint + " (pid " + p.pid() + ") from an earlier start does not stop; "
                        + "stop it by hand");
            }
            stopped = true;
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + pidFile, e);
        }
        return stopped;
    }

    /** Records {@code pid} in {@code pidFile}. */
    public static void write(Path pidFile, long pid) {
        try {
            Files.writeString(pidFile, pid + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pidFile, e);
        }
    }
}
