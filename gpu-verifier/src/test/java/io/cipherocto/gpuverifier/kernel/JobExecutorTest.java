package io.cipherocto.gpuverifier.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.gpuverifier.input.InputCodec;
import io.cipherocto.gpuverifier.input.InputGenerator;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.Keccak;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobExecutorTest {
    private final MatmulParams p = new MatmulParams(5, 6, 7, 3);
    private final byte[] seed = new byte[32];

    @Test
    void contentHashInput_withTheGeneratorsBytes_givesTheSameOutputAsTheSeededSpec() {
        byte[] bytes = InputCodec.encode(p, InputGenerator.matmul(p, seed));
        Execution seeded = new JobExecutor(new CpuBackend()).execute(JobSpec.of(p, new InputSource.Seeded(seed)));
        Execution content = new JobExecutor(new CpuBackend(), h -> Optional.of(bytes))
                .execute(JobSpec.of(p, new InputSource.ContentHash(Keccak.hash(bytes))));
        assertThat(content.outputHash()).isEqualTo(seeded.outputHash());
        assertThat(seeded.outputHash()).isEqualTo(Keccak.hash(seeded.output()));
        assertThat(seeded.output()).hasSize(4 * 5 * 6);
        assertThat(seeded.backend()).isEqualTo("cpu");
    }

    @Test
    void contentHashInput_whoseBytesDoNotMatchTheHash_isRejected() {
        byte[] bytes = InputCodec.encode(p, InputGenerator.matmul(p, seed));
        byte[] tampered = bytes.clone();
        tampered[0] ^= 1;
        JobSpec spec = JobSpec.of(p, new InputSource.ContentHash(Keccak.hash(bytes)));
        assertThatThrownBy(() -> new JobExecutor(new CpuBackend(), h -> Optional.of(tampered)).execute(spec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not hash");
        assertThatThrownBy(() -> new JobExecutor(new CpuBackend()).execute(spec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not available");
    }

    @Test
    void outputCodec_writesLittleEndianBits_andCanonicalizesNaN() {
        byte[] out = OutputCodec.fp32(new float[] {1f, Float.intBitsToFloat(0x7FC00123), Float.intBitsToFloat(0xFFFFFFFF)});
        assertThat(out).containsExactly(0, 0, (byte) 0x80, 0x3F, 0, 0, (byte) 0xC0, 0x7F, 0, 0, (byte) 0xC0, 0x7F);
    }
}
