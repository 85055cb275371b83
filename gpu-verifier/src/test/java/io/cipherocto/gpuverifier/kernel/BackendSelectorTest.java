package io.cipherocto.gpuverifier.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {
    @Test
    void probe_neverThrows_andGivesAReasonWhenUnavailable() {
        CudaProbe.Result r = CudaProbe.result();
        assertThat(r).isSameAs(CudaProbe.result()); // detected once
        if (r.available()) {
            assertThat(r.devices()).isPositive();
        } else {
            assertThat(r.unavailableReason()).get().asString().isNotBlank();
            assertThat(r.devices()).isZero();
        }
    }

    @Test
    void auto_alwaysYieldsABackendThatAgreesWithTheCpuPath() {
        JobSpec spec = JobSpec.of(new MatmulParams(9, 7, 40, 8), new InputSource.Seeded(new byte[32]));
        try (KernelBackend auto = BackendSelector.select(BackendSelector.Preference.AUTO)) {
            assertThat(auto.name()).isEqualTo(CudaProbe.result().available() ? "cuda" : "cpu");
            assertThat(new JobExecutor(auto).execute(spec).outputHash())
                    .isEqualTo(new JobExecutor(new CpuBackend()).execute(spec).outputHash());
        }
    }

    @Test
    void cpuPreference_neverUsesCuda_andCudaPreferenceFailsLoudlyWithoutIt() {
        assertThat(BackendSelector.select(BackendSelector.Preference.CPU)).isInstanceOf(CpuBackend.class);
        if (!CudaProbe.result().available()) {
            assertThatThrownBy(() -> BackendSelector.select(BackendSelector.Preference.CUDA))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("CUDA requested but unavailable");
        }
    }

    @Test
    void preference_parsesCaseInsensitively_andRejectsUnknownValues() {
        assertThat(BackendSelector.Preference.parse(" Cuda ")).isEqualTo(BackendSelector.Preference.CUDA);
        assertThatThrownBy(() -> BackendSelector.Preference.parse("tpu")).hasMessageContaining("auto, cpu or cuda");
    }

    @Test
    void unavailableReason_keepsOnlyTheInnermostLinkerMessage() {
        String jcuda = "Error while loading native library \"JCudaDriver\"\n---(start of nested stack traces)---\n"
                + "java.lang.UnsatisfiedLinkError: no JCudaDriver in java.library.path: /usr/lib\tat x.y(Z.java:1)\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver.so: libcuda.so.1: cannot open shared object file:"
                + " No such file or directory\tat a.b(C.java:2)";
        assertThat(CudaProbe.concise(jcuda))
                .isEqualTo("/tmp/libJCudaDriver.so: libcuda.so.1: cannot open shared object file: No such file or directory");
        CudaProbe.result().unavailableReason().ifPresent(r -> assertThat(r).hasSizeLessThan(400));
    }
}
