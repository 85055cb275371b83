package io.cipherocto.gpuverifier.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cipherocto.gpuverifier.input.InputCodec;
import io.cipherocto.gpuverifier.input.InputGenerator;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unmodified CUDA sources, compiled for the host with g++ against a thread-per-CUDA-thread shim
 * (src/test/cuda-emulation/emulate.cpp), give the CPU path's bits on the frozen vectors and on shapes that exercise
 * partial tiles and partial reduction blocks. This checks the kernels' indexing, tiling and reduction order without a
 * GPU (not nvcc's code generation: see PtxInSyncTest and CudaBitIdentityTest). Skipped where g++ is missing.
 */
class CudaSourceEmulationTest {
    @TempDir
    static Path tmp;
    private static Path emulator;

    @BeforeAll
    static void build() throws Exception {
        emulator = tmp.resolve("emulate");
        Process p;
        try {
            p = new ProcessBuilder("g++", "-std=c++20", "-O1", "-ffp-contract=off", "-pthread", "-o", emulator.toString(),
                    "src/test/cuda-emulation/emulate.cpp").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no g++: " + e.getMessage());
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assumeTrue(p.exitValue() == 0 || !log.contains("barrier"), "g++ without C++20 <barrier>: " + log);
        assertThat(p.exitValue()).as(log).isZero();
    }

    private static byte[] run(List<String> args, byte[] input) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(emulator.toString()));
        cmd.addAll(args);
        Path in = Files.write(tmp.resolve("in.bin"), input);
        Path out = tmp.resolve("out.bin");
        Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("emulator exit status for %s", args).isZero();
        return Files.readAllBytes(out);
    }

    /** The canonical output of the spec computed by the emulated CUDA kernels. */
    private static byte[] emulated(JobSpec spec, byte[] inputBytes) throws Exception {
        return switch (spec.params()) {
            case MatmulParams p -> {
                byte[] raw = run(List.of("matmul", "" + p.m(), "" + p.n(), "" + p.k(), "" + p.blockK()), inputBytes);
                float[] c = new float[p.m() * p.n()];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(c);
                yield OutputCodec.fp32(c);
            }
            case MlpParams p -> {
                List<String> args = new ArrayList<>(List.of("mlp", "" + p.batch(), "" + p.layers()));
                for (int d : p.dims()) {
                    args.add("" + d);
                }
                for (int l = 0; l < p.layers(); l++) {
                    args.add("" + p.multiplier(l));
                    args.add("" + p.shift(l));
                }
                yield OutputCodec.int8(run(args, inputBytes));
            }
        };
    }

    private static byte[] inputBytes(JobSpec spec, FixedVectors.Vector v) {
        if (v != null && v.input().isPresent()) {
            return v.input().get();
        }
        byte[] seed = ((InputSource.Seeded) spec.input()).seed();
        return switch (spec.params()) {
            case MatmulParams p -> InputCodec.encode(p, InputGenerator.matmul(p, seed));
            case MlpParams p -> InputCodec.encode(p, InputGenerator.mlp(p, seed));
        };
    }

    @Test
    void emulatedCudaKernels_reproduceEveryFrozenVector() throws Exception {
        for (FixedVectors.Vector v : FixedVectors.load()) {
            JobSpec spec = JobSpec.decode(v.spec());
            byte[] out = emulated(spec, inputBytes(spec, v));
            assertThat(Hex.encode(OutputCodec.hash(out))).as(v.name()).isEqualTo(Hex.encode(v.outputHash()));
        }
    }

    @Test
    void emulatedCudaKernels_matchTheCpuPath_onPartialTilesAndBlocks() throws Exception {
        byte[] seed = new byte[32];
        seed[3] = 42;
        for (JobSpec spec : List.of(
                JobSpec.of(new MatmulParams(1, 1, 1, 1), new InputSource.Seeded(seed)),
                JobSpec.of(new MatmulParams(17, 33, 37, 5), new InputSource.Seeded(seed)),
                JobSpec.of(new MatmulParams(20, 3, 100, 48), new InputSource.Seeded(seed)),
                JobSpec.of(new MlpParams(3, new int[] {70, 300, 5}, new int[] {1 << 20, 12345}, new int[] {29, 20}),
                        new InputSource.Seeded(seed)))) {
            byte[] cpu = new JobExecutor(new CpuBackend()).execute(spec).outputHash();
            assertThat(Hex.encode(OutputCodec.hash(emulated(spec, inputBytes(spec, null))))).as(spec.params().toString())
                    .isEqualTo(Hex.encode(cpu));
        }
    }
}
