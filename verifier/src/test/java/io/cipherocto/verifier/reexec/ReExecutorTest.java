package io.cipherocto.verifier.reexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.contracts.protocol.Attestation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class ReExecutorTest {
    private static final String PROVIDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private final JobExecutor cpu = new JobExecutor(new CpuBackend());
    private final ReExecutor reExecutor = new ReExecutor(cpu);
    private final JobSpec spec = JobSpec.of(new MlpParams(2, new int[] {8, 4, 3}, new int[] {1 << 20, 1 << 20},
            new int[] {29, 27}), new InputSource.Seeded(new byte[32]));

    private static byte[] id(int v) {
        byte[] b = new byte[32];
        b[0] = (byte) v;
        return b;
    }

    @Test
    void reExecution_ofHonestOutput_yieldsPassVerdict() {
        byte[] honest = cpu.execute(spec).outputHash();
        Verdict v = reExecutor.verify(new Job(id(1), 3, PROVIDER, 0, spec, honest));
        assertThat(v.passed()).isTrue();
        assertThat(v.recomputedOutputHash()).isEqualTo(honest);
        Attestation a = v.attestation();
        assertThat(a.passed()).isTrue();
        assertThat(a.specHash()).isEqualTo(spec.specHash());
        assertThat(a.epoch()).isEqualTo(3);
    }

    @Test
    void reExecution_ofCheatedOutput_yieldsFailVerdict() {
        byte[] output = cpu.execute(spec).output();
        output[0] ^= 1;
        byte[] cheated = Hash.sha3(output);
        Verdict v = reExecutor.verify(new Job(id(2), 3, PROVIDER, 1, spec, cheated));
        assertThat(v.passed()).isFalse();
        Attestation a = v.attestation();
        assertThat(a.passed()).isFalse();
        assertThat(a.claimedOutputHash()).isEqualTo(cheated);
        assertThat(a.recomputedOutputHash()).isNotEqualTo(cheated).isEqualTo(cpu.execute(spec).outputHash());
        assertThat(a.role()).isEqualTo(1);
    }

    @Test
    void evidenceHash_bindsTheSpecAndBothOutputHashes() {
        byte[] claimed = new byte[32];
        Verdict v = reExecutor.verify(new Job(id(3), 0, PROVIDER, 0, spec, claimed));
        byte[] expected = Hash.sha3(concat(spec.encode(), claimed, v.recomputedOutputHash()));
        assertThat(v.evidenceHash()).isEqualTo(expected);
        JobSpec other = JobSpec.of(new MatmulParams(2, 2, 2, 2), new InputSource.Seeded(new byte[32]));
        Verdict w = reExecutor.verify(new Job(id(3), 0, PROVIDER, 0, other, claimed));
        assertThat(Arrays.equals(w.evidenceHash(), v.evidenceHash())).isFalse();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
