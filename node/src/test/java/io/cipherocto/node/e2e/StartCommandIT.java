package io.cipherocto.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code octo start} as an operator runs it (the packaged quarkus-app, a clean environment): it refuses to boot,
 * exits with 2 and names the missing setting, with its environment variable.
 */
class StartCommandIT {
    @TempDir
    Path tmp;

    @Test
    void start_withoutSettings_failsNamingTheFirstMissingOne() throws Exception {
        Result r = start(Map.of());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("octo start: missing setting octo.rpc-url (env OCTO_RPC_URL)");
    }

    @Test
    void start_withRpcUrlOnly_namesTheDatabaseUrl() throws Exception {
        Result r = start(Map.of("OCTO_RPC_URL", "http://127.0.0.1:1"));
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("missing setting octo.db.url (env OCTO_DB_URL)");
    }

    @Test
    void start_withAnUnreadableManifest_namesTheSetting() throws Exception {
        Result r = start(Map.of("OCTO_RPC_URL", "http://127.0.0.1:1", "OCTO_DB_URL", "postgresql://127.0.0.1:1/octo",
                "OCTO_MANIFEST", tmp.resolve("missing.json").toString()));
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("setting octo.manifest: cannot read");
    }

    private record Result(int exit, String output) {
    }

    private Result start(Map<String, String> env) throws Exception {
        Path jar = Path.of(System.getProperty("user.dir"), "target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged node (built in the package phase)").exists();
        Path out = tmp.resolve("out.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "start").directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OCTO_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("octo start did not exit within 60 s: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
