package io.cipherocto.verifier.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.reexec.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderSimulatorTest {
    private static final String HONEST = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String CHEATER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final String ALWAYS = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    private final JobExecutor cpu = new JobExecutor(new CpuBackend());

    private ProviderSimulator sim(int seedByte) {
        byte[] seed = new byte[32];
        seed[0] = (byte) seedByte;
        return new ProviderSimulator(seed, List.of(new ProviderSimulator.Provider(HONEST, 0, 0),
                new ProviderSimulator.Provider(CHEATER, 1, 300), new ProviderSimulator.Provider(ALWAYS, 2, 1000)), cpu);
    }

    @Test
    void sameSeed_givesTheSameJobs_otherSeed_otherJobs() {
        List<ProviderSimulator.SimulatedJob> a = sim(1).jobs(4, 12);
        List<ProviderSimulator.SimulatedJob> b = sim(1).jobs(4, 12);
        List<ProviderSimulator.SimulatedJob> c = sim(2).jobs(4, 12);
        for (int i = 0; i < 12; i++) {
            assertThat(a.get(i).job().jobId()).isEqualTo(b.get(i).job().jobId());
            assertThat(a.get(i).job().spec()).isEqualTo(b.get(i).job().spec());
            assertThat(a.get(i).job().claimedOutputHash()).isEqualTo(b.get(i).job().claimedOutputHash());
            assertThat(a.get(i).job().jobId()).isNotEqualTo(c.get(i).job().jobId());
        }
    }

    @Test
    void reExecution_catchesExactlyTheCheatedJobs_atTheConfiguredShares() {
        ReExecutor re = new ReExecutor(cpu);
        int honestFails = 0;
        int cheaterFails = 0;
        int alwaysFails = 0;
        List<ProviderSimulator.SimulatedJob> jobs = sim(3).jobs(0, 300);
        for (ProviderSimulator.SimulatedJob j : jobs) {
            Verdict v = re.verify(j.job());
            assertThat(v.passed()).as("job %s", j).isEqualTo(!j.cheated());
            if (!v.passed()) {
                switch (j.job().provider()) {
                    case HONEST -> honestFails++;
                    case CHEATER -> cheaterFails++;
                    default -> alwaysFails++;
                }
            }
        }
        assertThat(honestFails).isZero();
        assertThat(alwaysFails).isEqualTo(100);
        assertThat(cheaterFails).isBetween(15, 45); // 30 % of 100 jobs, about +-3 sigma
    }

    @Test
    void provider_rejectsSharesOutsidePerMilleRange() {
        assertThatThrownBy(() -> new ProviderSimulator.Provider(HONEST, 0, 1001)).hasMessageContaining("0..1000");
    }
}
