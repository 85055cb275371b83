package io.cipherocto.gpuverifier.kernel;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuInit;

import java.util.Optional;
import jcuda.CudaException;
import jcuda.driver.JCudaDriver;

/**
 * Detects a usable CUDA driver, once per JVM: loads the JCuda natives, {@code cuInit(0)}, counts devices. Never
 * throws: a missing native library or driver, or no device, is a {@link Result} with the reason.
 */
public final class CudaProbe {
    /** Outcome: the device count, or why CUDA is unavailable. */
    public record Result(int devices, Optional<String> unavailableReason) {
        public boolean available() {
            return unavailableReason.isEmpty();
        }
    }

    private CudaProbe() {
    }

    private static final class Holder {
        static final Result RESULT = detect();
    }

    /** The result of the first probe in this JVM (later calls never touch the driver again). */
    public static Result result() {
        return Holder.RESULT;
    }

    static Result detect() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] < 1) {
                return unavailable("the CUDA driver reports no device");
            }
            return new Result(count[0], Optional.empty());
        } catch (UnsatisfiedLinkError e) {
            return unavailable("native library not loadable: " + concise(e.getMessage()));
        } catch (CudaException e) {
            return unavailable("CUDA driver error: " + e.getMessage());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // NoClassDefFoundError/ExceptionInInitializerError from a failed native load, ...
            return unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static final java.util.regex.Pattern LINK_ERROR =
            java.util.regex.Pattern.compile("UnsatisfiedLinkError: ([^\\t]+?)\\s+at ");

    /** JCuda's message carries whole nested stack traces; keep the innermost linker message. */
    static String concise(String message) {
        if (message == null) {
            return "unknown";
        }
        java.util.regex.Matcher m = LINK_ERROR.matcher(message);
        String last = null;
        while (m.find()) {
            last = m.group(1).trim();
        }
        String r = last != null ? last : message.lines().findFirst().orElse(message);
        return r.length() > 300 ? r.substring(0, 300) + "..." : r;
    }

    private static Result unavailable(String reason) {
        return new Result(0, Optional.of(reason.replace('\n', ' ')));
    }
}
