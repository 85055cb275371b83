package io.cipherocto.governance.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk (https://github.com/wg/wrk, Debian package {@code wrk}) as a separate process against POST /votes with
 * pre-signed ballots, so that the JVM's CPU is the server's alone. One wrk thread per connection, so each
 * connection's requests are strictly sequential; thread t owns the voters {@code m % connections == t} and sends
 * their ballots proposal by proposal, so a voter's ballot for nonce k is answered before the one for k+1 is sent.
 * Every ballot is sent; each wrk thread stops after its last answer and wrk is interrupted (SIGINT, its own way of
 * ending early) once all have. The rate is timed inside wrk: first request to last answer.
 */
final class WrkLoad {
    private static final Path WRK = Path.of("/usr/bin/wrk");
    private static final long MAX_SECONDS = 300;

    private WrkLoad() {
    }

    static boolean available() {
        return Files.isExecutable(WRK);
    }

    record Outcome(int accepted, int refused, Map<String, Integer> codes, double seconds, double p50Millis,
            double p99Millis, long wrkCpuNanos, String summary) {}

    /** Sends the ballots of proposals [from, to) of every voter; {@code bodies.length} should divide by {@code connections}. */
    static Outcome run(URI votes, String[][] bodies, int from, int to, int connections) throws IOException, InterruptedException {
        int threads = connections;
        Path dir = Files.createTempDirectory("octo-wrk");
        for (int t = 0; t < threads; t++) {
            List<String> lines = new ArrayList<>();
            for (int p = from; p < to; p++) {
                for (int m = t; m < bodies.length; m += threads) {
                    lines.add(bodies[m][p]);
                }
            }
            Files.write(dir.resolve("bodies-" + t + ".txt"), lines, StandardCharsets.UTF_8);
        }
        Path script = dir.resolve("ballots.lua");
        try (var in = WrkLoad.class.getResourceAsStream("/bench/ballots.lua")) {
            Files.copy(in, script);
        }
        Process proc = new ProcessBuilder(WRK.toString(), "-t" + threads, "-c" + connections, "-d" + MAX_SECONDS + "s",
                "--timeout", "60s", "--latency", "-s", script.toString(), votes.toString(), "--", dir.toString(),
                votes.getPath()).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        int done = 0;
        long wrkCpu = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.append(line).append('\n');
                if (line.startsWith("OCTO-DONE ") && ++done == threads) {
                    wrkCpu = proc.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
                    new ProcessBuilder("kill", "-INT", Long.toString(proc.pid())).start().waitFor();
                }
            }
        }
        if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("OCTO ")) {
                for (String pair : line.substring(5).trim().split(" ")) {
                    String[] p = pair.split("=", 2);
                    kv.put(p[0], p[1]);
                }
            }
        }
        if (!kv.containsKey("accepted")) {
            throw new IllegalStateException("wrk printed no result:\n" + out);
        }
        int accepted = Integer.parseInt(kv.get("accepted"));
        int refused = Integer.parseInt(kv.get("refused"));
        Map<String, Integer> codes = new LinkedHashMap<>();
        out.toString().lines().filter(l -> l.startsWith("refused:"))
                .forEach(l -> codes.merge(l.length() > 160 ? l.substring(0, 160) : l, 1, Integer::sum));
        if (Integer.parseInt(kv.get("threads_complete")) != threads) {
            codes.put("wrk threads that did not finish", threads - Integer.parseInt(kv.get("threads_complete")));
        }
        return new Outcome(accepted, refused, codes, Long.parseLong(kv.get("window_us")) / 1e6,
                Long.parseLong(kv.get("p50_us")) / 1e3, Long.parseLong(kv.get("p99_us")) / 1e3, wrkCpu,
                "threads = connections = " + connections + ", " + kv);
    }
}
