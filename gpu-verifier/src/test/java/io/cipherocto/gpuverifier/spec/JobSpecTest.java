package io.cipherocto.gpuverifier.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.platform.kernel.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    private static byte[] seed(int fill) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) fill);
        return s;
    }

    private static final JobSpec MATMUL = JobSpec.of(new MatmulParams(2, 3, 4, 2), new InputSource.Seeded(seed(0x11)));
    private static final JobSpec MLP = JobSpec.of(
            new MlpParams(1, new int[] {2, 2, 1}, new int[] {3, 1 << 30}, new int[] {1, 31}),
            new InputSource.ContentHash(seed(0xAB)));

    @Test
    void encode_matmul_isTheDocumentedByteLayout() {
        String expected = "01" + "02" + "00000002" + "00000003" + "00000004" + "00000002" + "01" + "11".repeat(32);
        assertThat(Hex.encode(MATMUL.encode())).isEqualTo("0x" + expected);
    }

    @Test
    void encode_mlp_isTheDocumentedByteLayout() {
        String expected = "01" + "01" + "00000001" + "02" + "00000002" + "00000002" + "00000001"
                + "00000003" + "01" + "40000000" + "1f" + "02" + "ab".repeat(32);
        assertThat(Hex.encode(MLP.encode())).isEqualTo("0x" + expected);
    }

    @Test
    void decode_ofEncode_returnsAnEqualSpec() {
        assertThat(JobSpec.decode(MATMUL.encode())).isEqualTo(MATMUL);
        assertThat(JobSpec.decode(MLP.encode())).isEqualTo(MLP);
    }

    @Test
    void specHash_isKeccakOfTheCanonicalBytes() {
        assertThat(MATMUL.specHash()).isEqualTo(org.web3j.crypto.Hash.sha3(MATMUL.encode()));
        JobSpec otherSeed = JobSpec.of(MATMUL.params(), new InputSource.Seeded(seed(0x12)));
        assertThat(otherSeed.specHash()).isNotEqualTo(MATMUL.specHash());
        JobSpec otherBlock = JobSpec.of(new MatmulParams(2, 3, 4, 3), MATMUL.input());
        assertThat(otherBlock.specHash()).isNotEqualTo(MATMUL.specHash());
    }

    @Test
    void decode_rejectsTrailingBytes_unknownVersion_unknownKernel_unknownInputKind_truncation() {
        byte[] ok = MATMUL.encode();
        byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> JobSpec.decode(trailing)).hasMessageContaining("trailing");
        byte[] v2 = ok.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> JobSpec.decode(v2)).hasMessageContaining("version 2");
        byte[] k9 = ok.clone();
        k9[1] = 9;
        assertThatThrownBy(() -> JobSpec.decode(k9)).hasMessageContaining("kernel code 9");
        byte[] in3 = ok.clone();
        in3[18] = 3;
        assertThatThrownBy(() -> JobSpec.decode(in3)).hasMessageContaining("input kind 3");
        assertThatThrownBy(() -> JobSpec.decode(Arrays.copyOf(ok, ok.length - 1))).hasMessageContaining("truncated");
    }

    @Test
    void params_outOfRange_areRejectedWithClearMessages() {
        assertThatThrownBy(() -> new MatmulParams(0, 1, 1, 1)).hasMessageContaining("m must be in 1..65536");
        assertThatThrownBy(() -> new MatmulParams(65536, 65536, 1, 1)).hasMessageContaining("C has");
        assertThatThrownBy(() -> new MlpParams(1, new int[] {2}, new int[0], new int[0]))
                .hasMessageContaining("1..32 layers");
        assertThatThrownBy(() -> new MlpParams(1, new int[] {2, 2}, new int[] {0}, new int[] {0}))
                .hasMessageContaining("multipliers[0] must be positive");
        assertThatThrownBy(() -> new MlpParams(1, new int[] {2, 2}, new int[] {1}, new int[] {63}))
                .hasMessageContaining("shifts[0] must be in 0..62");
        assertThatThrownBy(() -> new InputSource.Seeded(new byte[31])).hasMessageContaining("32 bytes");
    }

    @Test
    void mlpParams_areDefensivelyCopied() {
        int[] dims = {2, 3};
        MlpParams p = new MlpParams(1, dims, new int[] {1}, new int[] {0});
        dims[0] = 7;
        p.dims()[1] = 9;
        assertThat(p.dims()).containsExactly(2, 3);
    }
}
