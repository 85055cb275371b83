package io.cipherocto.settlement.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a timed window's CPU went on Linux, from {@code /proc}: this JVM, the PostgreSQL processes, and everything
 * else (the machine's busy time from {@code /proc/stat} minus those two). Clock ticks are taken as 100 per second (the
 * Linux default, {@code getconf CLK_TCK}). Processes that exit inside the window are not counted; the service's
 * PostgreSQL connections are pooled and live through it. Empty where {@code /proc} cannot be read.
 */
final class CpuSplit {
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<Long, Long> postgresAtStart;
    private final long jvmAtStart;
    private final long busyAtStart;

    private CpuSplit(Map<Long, Long> postgres, long jvm, long busy) {
        this.postgresAtStart = postgres;
        this.jvmAtStart = jvm;
        this.busyAtStart = busy;
    }

    static Optional<CpuSplit> start() {
        try {
            return Optional.of(new CpuSplit(postgresTicks(), ticks(ProcessHandle.current().pid()), busyTicks()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "CPU in the window: this JVM a s, PostgreSQL b s, other c s" and the shares of the busy time. */
    String finish() {
        try {
            double jvm = (ticks(ProcessHandle.current().pid()) - jvmAtStart) / TICKS_PER_SECOND;
            long pgTicks = 0;
            for (Map.Entry<Long, Long> e : postgresTicks().entrySet()) {
                pgTicks += e.getValue() - postgresAtStart.getOrDefault(e.getKey(), 0L);
            }
            double pg = pgTicks / TICKS_PER_SECOND;
            double busy = (busyTicks() - busyAtStart) / TICKS_PER_SECOND;
            double other = Math.max(0, busy - jvm - pg);
            return String.format("CPU in the timed window: this JVM (service and load generator) %.1f s (%.0f %%), PostgreSQL "
                    + "%.1f s (%.0f %%), other %.1f s; machine busy %.1f s", jvm, 100 * jvm / busy, pg, 100 * pg / busy, other, busy);
        } catch (IOException | RuntimeException e) {
            return "CPU split not available: " + e;
        }
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, after the command name). */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static Map<Long, Long> postgresTicks() throws IOException {
        Map<Long, Long> out = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    if (Files.readString(p.resolve("comm")).strip().equals("postgres")) {
                        long pid = Long.parseLong(p.getFileName().toString());
                        out.put(pid, ticks(pid));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            });
        }
        return out;
    }

    /** user + nice + system + irq + softirq ticks of all CPUs (the first line of /proc/stat). */
    private static long busyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
    }
}
