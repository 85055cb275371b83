package io.cipherocto.gpuverifier.kernel;

import java.util.Locale;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Chooses the {@link KernelBackend} once at start. {@link Preference#AUTO} uses CUDA when {@link CudaProbe} finds a
 * device and the modules load, otherwise logs {@code gpu-verifier: no CUDA driver (<reason>), using the CPU path}
 * and uses the CPU; it never throws. {@link Preference#CPU} never touches CUDA. {@link Preference#CUDA} fails when
 * CUDA is unusable (for GPU-only checks and benchmarks).
 */
public final class BackendSelector {
    /** System property read by {@link #fromSystemProperty()}: auto (default), cpu or cuda. */
    public static final String PROPERTY = "octo.gpu-verifier.backend";

    private static final Logger LOG = Logger.getLogger(BackendSelector.class);

    /** Which backend the operator asks for. */
    public enum Preference {
        AUTO, CPU, CUDA;

        public static Preference parse(String value) {
            Objects.requireNonNull(value, "value");
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("backend must be auto, cpu or cuda, got '" + value + "'", e);
            }
        }
    }

    private BackendSelector() {
    }

    /** {@link #select(Preference)} with the preference from the system property {@value #PROPERTY}. */
    public static KernelBackend fromSystemProperty() {
        return select(Preference.parse(System.getProperty(PROPERTY, "auto")));
    }

    public static KernelBackend select(Preference preference) {
        Objects.requireNonNull(preference, "preference");
        if (preference == Preference.CPU) {
            LOG.info("gpu-verifier: CPU path requested");
            return new CpuBackend();
        }
        CudaProbe.Result probe = CudaProbe.result();
        if (!probe.available()) {
            String reason = probe.unavailableReason().orElseThrow();
            if (preference == Preference.CUDA) {
                throw new IllegalStateException("gpu-verifier: CUDA requested but unavailable: " + reason);
            }
            LOG.infof("gpu-verifier: no CUDA driver (%s), using the CPU path", reason);
            return new CpuBackend();
        }
        try {
            CudaBackend cuda = CudaBackend.open(0);
            LOG.infof("gpu-verifier: using CUDA on %s (%d device(s))", cuda.deviceName(), probe.devices());
            return cuda;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            if (preference == Preference.CUDA) {
                throw new IllegalStateException("gpu-verifier: CUDA requested but the kernels do not load: " + e, e);
            }
            LOG.infof("gpu-verifier: CUDA kernels do not load (%s), using the CPU path", e.toString());
            return new CpuBackend();
        }
    }
}
