package io.cipherocto.indexer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds used by the processes of a benchmark run (from /proc): anvil (by its port), the embedded PostgreSQL
 * server and its backends (by the postmaster's port and parent pid), so that a result can say where the time went.
 */
final class CpuAccounting {
    private static final double TICKS = 100.0; // USER_HZ on Linux

    private CpuAccounting() {}

    /** CPU seconds per group ("anvil", "postgres") right now, for processes matching the ports. */
    static Map<String, Double> snapshot(int anvilPort, int pgPort) {
        Map<String, Double> out = new HashMap<>();
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Double> cpu = new HashMap<>();
        Map<Long, String> cmd = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parent.put(pid, Long.parseLong(f[1]));
                    // utime, stime, cutime, cstime (fields 14-17 of stat; indexes 11-14 after the comm): the children's
                    // part holds the backends the postmaster has reaped (the indexer's connections end before we look)
                    cpu.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]))
                            / TICKS);
                    cmd.put(pid, Files.readString(p.resolve("cmdline")).replace('\0', ' '));
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while we looked
                }
            });
        } catch (IOException e) {
            return out;
        }
        Long postmaster = null;
        for (var e : cmd.entrySet()) {
            if (e.getValue().contains("anvil") && e.getValue().contains("--port " + anvilPort + " ")) {
                out.merge("anvil", cpu.get(e.getKey()), Double::sum);
            }
            if (e.getValue().contains("postgres") && e.getValue().contains("-p " + pgPort)) {
                postmaster = e.getKey();
                out.merge("postgres", cpu.get(e.getKey()), Double::sum);
            }
        }
        if (postmaster != null) {
            for (var e : parent.entrySet()) {
                if (e.getValue().equals(postmaster)) {
                    out.merge("postgres", cpu.getOrDefault(e.getKey(), 0.0), Double::sum);
                }
            }
        }
        return out;
    }
}
