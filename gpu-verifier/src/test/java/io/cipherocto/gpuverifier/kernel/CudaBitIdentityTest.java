package io.cipherocto.gpuverifier.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.Keccak;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.kernel.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CUDA gives the CPU bits: the frozen vectors and further shapes. Skipped (JUnit assumption) where no CUDA device is
 * usable, i.e. on every machine without a GPU; it runs in the normal test phase on a GPU machine.
 */
class CudaBitIdentityTest {
    private static CudaBackend cuda;

    @BeforeAll
    static void open() {
        assumeTrue(CudaProbe.result().available(), () -> "no CUDA: " + CudaProbe.result().unavailableReason().orElse(""));
        cuda = CudaBackend.open(0);
    }

    @AfterAll
    static void close() {
        if (cuda != null) {
            cuda.close();
        }
    }

    @Test
    void frozenVectors_onCuda_giveTheFrozenOutputHashes() throws Exception {
        for (FixedVectors.Vector v : FixedVectors.load()) {
            JobExecutor exec = new JobExecutor(cuda, h -> v.input().filter(b -> Arrays.equals(Keccak.hash(b), h)));
            assertThat(Hex.encode(exec.execute(JobSpec.decode(v.spec())).outputHash())).as(v.name())
                    .isEqualTo(Hex.encode(v.outputHash()));
        }
    }

    @Test
    void oddAndLargeShapes_onCuda_equalTheCpuOutputBytes() {
        List<JobSpec> specs = List.of(
                JobSpec.of(new MatmulParams(1, 1, 1, 1), new InputSource.Seeded(new byte[32])),
                JobSpec.of(new MatmulParams(33, 17, 1000, 7), new InputSource.Seeded(new byte[32])),
                JobSpec.of(new MatmulParams(512, 512, 512, 64), new InputSource.Seeded(new byte[32])),
                JobSpec.of(new MlpParams(300, new int[] {1000, 257, 33}, new int[] {1 << 20, 1 << 20},
                        new int[] {34, 30}), new InputSource.Seeded(new byte[32])));
        for (JobSpec s : specs) {
            assertThat(new JobExecutor(cuda).execute(s).output()).as(s.toString())
                    .isEqualTo(new JobExecutor(new CpuBackend()).execute(s).output());
        }
    }
}
