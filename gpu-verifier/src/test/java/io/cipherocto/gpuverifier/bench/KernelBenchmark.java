package io.cipherocto.gpuverifier.bench;

import io.cipherocto.gpuverifier.input.InputGenerator;
import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.kernel.BackendSelector;
import io.cipherocto.gpuverifier.kernel.KernelBackend;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GOP/s of the two kernels on a backend (1 multiply-accumulate = 2 operations). The secondary metric {@code gop}
 * (reported per second) is the GOP/s. Not a test: surefire only runs *Test. Run with gpu-verifier/tools/bench.sh;
 * {@code -p backend=cuda} measures the CUDA backend (end to end per call, transfers included) on a GPU machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class KernelBenchmark {
    /** cpu or cuda (see BackendSelector). */
    @Param({"cpu"})
    public String backend;

    /** Square matmul size m = n = k. */
    @Param({"256"})
    public int matmulSize;

    /** Reduction block size of the matmul. */
    @Param({"32"})
    public int blockK;

    /** MLP batch; the layers are 1024 -> 1024 -> 1024 -> 16. */
    @Param({"64"})
    public int mlpBatch;

    private KernelBackend kernels;
    private MatmulParams mm;
    private MatmulInputs mmIn;
    private MlpParams mlp;
    private MlpInputs mlpIn;

    /** Counts giga-operations; JMH reports it per second, i.e. as GOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Gop {
        public double gop;

        @Setup(Level.Iteration)
        public void reset() {
            gop = 0;
        }
    }

    @Setup
    public void setUp() {
        kernels = BackendSelector.select(BackendSelector.Preference.parse(backend));
        mm = new MatmulParams(matmulSize, matmulSize, matmulSize, blockK);
        mmIn = InputGenerator.matmul(mm, new byte[32]);
        mlp = new MlpParams(mlpBatch, new int[] {1024, 1024, 1024, 16}, new int[] {1 << 20, 1 << 20, 1 << 20},
                new int[] {34, 32, 32});
        mlpIn = InputGenerator.mlp(mlp, new byte[32]);
    }

    @TearDown
    public void tearDown() {
        kernels.close();
    }

    @Benchmark
    public float[] matmulFp32(Gop counter) {
        counter.gop += 2e-9 * mm.macs();
        return kernels.matmulFp32(mm, mmIn);
    }

    @Benchmark
    public byte[] mlpInt8(Gop counter) {
        counter.gop += 2e-9 * mlp.macs();
        return kernels.mlpInt8(mlp, mlpIn);
    }
}
