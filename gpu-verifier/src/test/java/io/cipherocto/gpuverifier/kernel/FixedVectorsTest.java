package io.cipherocto.gpuverifier.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.gpuverifier.input.InputCodec;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.Keccak;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.kernel.Hex;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The frozen vectors reproduce on the CPU path (a change here is a consensus change: never regenerate lightly). */
class FixedVectorsTest {
    @Test
    void everyFrozenVector_reproducesItsSpecHashAndOutputHash_onTheCpuPath() throws Exception {
        List<FixedVectors.Vector> vectors = FixedVectors.load();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(6);
        for (FixedVectors.Vector v : vectors) {
            JobSpec spec = JobSpec.decode(v.spec());
            assertThat(spec.encode()).as(v.name()).isEqualTo(v.spec());
            assertThat(Hex.encode(spec.specHash())).as(v.name()).isEqualTo(Hex.encode(v.specHash()));
            JobExecutor exec = new JobExecutor(new CpuBackend(), h -> v.input().filter(b -> Arrays.equals(Keccak.hash(b), h)));
            assertThat(Hex.encode(exec.execute(spec).outputHash())).as(v.name()).isEqualTo(Hex.encode(v.outputHash()));
        }
    }

    @Test
    void theFrozenFile_coversExactlyTheSpecsOfTheGenerator() throws Exception {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        Map<String, JobSpec> specs = FixedVectors.specs(inputs);
        List<FixedVectors.Vector> vectors = FixedVectors.load();
        assertThat(vectors).extracting(FixedVectors.Vector::name).containsExactlyElementsOf(specs.keySet());
        for (FixedVectors.Vector v : vectors) {
            assertThat(v.spec()).as(v.name()).isEqualTo(specs.get(v.name()).encode());
        }
    }

    @Test
    void handCheckableMlp_throughTheWholePipeline_hashesTheSingleOutputByte() {
        // The hand computation of CpuKernelsTest.mlp_tinyCase: output = [-7] = byte 0xF9.
        MlpParams p = new MlpParams(1, new int[] {2, 2, 1}, new int[] {1, 3}, new int[] {1, 2});
        byte[] input = InputCodec.encode(p, new MlpInputs(new byte[] {3, -4}, new byte[][] {{1, 2, -5, 6}, {7, 100}},
                new int[][] {{10, -3}, {-30}}));
        // x (2 bytes) | W0 (4 bytes) | b0 (2 x int32 LE) | W1 (2 bytes) | b1 (int32 LE)
        assertThat(Hex.encode(input)).isEqualTo("0x03fc" + "0102fb06" + "0a000000" + "fdffffff" + "0764" + "e2ffffff");
        JobSpec spec = JobSpec.of(p, new InputSource.ContentHash(Keccak.hash(input)));
        Execution r = new JobExecutor(new CpuBackend(), h -> Optional.of(input)).execute(spec);
        assertThat(r.output()).containsExactly(0xF9 - 256);
        assertThat(Hex.encode(r.outputHash())).isEqualTo(Hex.encode(org.web3j.crypto.Hash.sha3(new byte[] {(byte) 0xF9})));
    }
}
