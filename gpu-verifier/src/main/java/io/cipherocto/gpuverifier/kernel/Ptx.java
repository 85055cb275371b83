package io.cipherocto.gpuverifier.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/** The committed PTX resources ({@code cuda/<name>.ptx}, built by gpu-verifier/tools/build-ptx.sh). */
public final class Ptx {
    public static final String MLP_INT8 = "mlp_int8";
    public static final String MATMUL_FP32 = "matmul_fp32";

    private Ptx() {
    }

    public static String resourcePath(String name) {
        return "cuda/" + Objects.requireNonNull(name, "name") + ".ptx";
    }

    /** The PTX text of {@code name}. */
    public static byte[] load(String name) {
        String path = resourcePath(name);
        try (InputStream in = Ptx.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing PTX resource " + path + " (run gpu-verifier/tools/build-ptx.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The PTX text of {@code name} followed by a NUL, as {@code cuModuleLoadData} expects. */
    public static byte[] loadNulTerminated(String name) {
        byte[] ptx = load(name);
        return Arrays.copyOf(ptx, ptx.length + 1);
    }
}
