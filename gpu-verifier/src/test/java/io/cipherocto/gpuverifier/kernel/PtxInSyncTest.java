package io.cipherocto.gpuverifier.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX must be built from the current .cu sources: each PTX header records the SHA-256 of its source
 * (tools/build-ptx.sh writes it). Where the same nvcc version is installed, the PTX is also rebuilt and compared.
 */
class PtxInSyncTest {
    private static final Path CUDA_SRC = Path.of("src/main/cuda");
    private static final Pattern SOURCE = Pattern.compile("^// cipherocto-source: (\\S+) sha256=([0-9a-f]{64})$");
    private static final Pattern NVCC = Pattern.compile("^// cipherocto-nvcc: (V[0-9.]+) (.*)$");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.list(CUDA_SRC)) {
            return s.filter(p -> p.toString().endsWith(".cu")).sorted().toList();
        }
    }

    private static String name(Path cu) {
        return cu.getFileName().toString().replaceAll("\\.cu$", "");
    }

    private static List<String> ptxLines(String name) {
        return new String(Ptx.load(name), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyCudaSource_hasAPtxResource_whoseHeaderRecordsTheSourcesSha256() throws Exception {
        List<Path> sources = sources();
        assertThat(sources).extracting(PtxInSyncTest::name).containsExactlyInAnyOrder(Ptx.MLP_INT8, Ptx.MATMUL_FP32);
        for (Path cu : sources) {
            String first = ptxLines(name(cu)).get(0);
            Matcher m = SOURCE.matcher(first);
            assertThat(m.matches()).as("header of %s.ptx: %s", name(cu), first).isTrue();
            assertThat(m.group(1)).isEqualTo(cu.getFileName().toString());
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(cu)));
            assertThat(m.group(2)).as("%s changed: run gpu-verifier/tools/build-ptx.sh", cu).isEqualTo(actual);
        }
    }

    @Test
    void theCommittedPtx_keepsSeparateRoundedMulAndAdd_andNoFtz() {
        String mm = String.join("\n", ptxLines(Ptx.MATMUL_FP32));
        assertThat(mm).contains("mul.rn.f32", "add.rn.f32").doesNotContain("fma.rn.f32", ".ftz.");
        assertThat(mm).contains(".entry matmul_fp32_fixed(");
        assertThat(String.join("\n", ptxLines(Ptx.MLP_INT8))).contains(".entry mlp_int8_layer(");
    }

    @Test
    void whereTheRecordedNvccIsInstalled_rebuildingGivesTheCommittedPtx() throws Exception {
        Optional<String> installed = nvccVersion();
        for (Path cu : sources()) {
            List<String> lines = ptxLines(name(cu));
            Matcher m = NVCC.matcher(lines.get(1));
            assertThat(m.matches()).as("nvcc header of %s.ptx", name(cu)).isTrue();
            if (installed.isEmpty() || !installed.get().equals(m.group(1))) {
                continue; // another compiler (or none): the SHA-256 check above is what guards drift
            }
            Path out = Files.createTempFile("ptx", ".ptx");
            try {
                List<String> cmd = new java.util.ArrayList<>(List.of("nvcc"));
                cmd.addAll(List.of(m.group(2).split(" ")));
                cmd.addAll(List.of("-o", out.toString(), cu.toString()));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
                assertThat(Files.readAllLines(out)).as("%s.ptx body", name(cu))
                        .isEqualTo(lines.subList(2, lines.size()));
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    private static Optional<String> nvccVersion() {
        try {
            Process p = new ProcessBuilder("nvcc", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher m = Pattern.compile("(V[0-9][0-9.]*)").matcher(out);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            return Optional.ofNullable(last);
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }
}
