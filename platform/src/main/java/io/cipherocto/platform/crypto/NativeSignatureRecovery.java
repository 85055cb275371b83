package io.cipherocto.platform.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Recovery through bitcoin-core's libsecp256k1 (JNI, {@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm}, which ships
 * the native library for linux, macOS and Windows and extracts it at first use).
 *
 * <p>That artifact publishes its Java API in runtime scope only (Gradle metadata), so it is bound here through one
 * method handle to {@code Secp256k1.ecdsaRecover(byte[] sig64, byte[] msg32, int recid)}, looked up once.
 */
public final class NativeSignatureRecovery implements SignatureRecovery {
    private final MethodHandle ecdsaRecover;

    private NativeSignatureRecovery(MethodHandle ecdsaRecover) {
        this.ecdsaRecover = ecdsaRecover;
    }

    /** Loads the native library; empty where it cannot be loaded on this platform. */
    public static Optional<SignatureRecovery> load() {
        try {
            Class<?> api = Class.forName("fr.acinq.secp256k1.Secp256k1");
            Object companion = api.getField("Companion").get(null);
            Object secp = companion.getClass().getMethod("get").invoke(companion);
            MethodHandle mh = MethodHandles.publicLookup()
                    .findVirtual(api, "ecdsaRecover", MethodType.methodType(byte[].class, byte[].class, byte[].class, int.class))
                    .bindTo(secp);
            // Loads the native library now (an Error here, not on the first ballot, where it cannot load).
            byte[] probe = new byte[64];
            probe[31] = 1;
            probe[63] = 1;
            try {
                byte[] ignored = (byte[]) mh.invokeExact(probe, new byte[32], 0);
            } catch (RuntimeException expected) {
                // Secp256k1Exception for a signature without a public key is fine: the library answered.
            }
            return Optional.of(new NativeSignatureRecovery(mh));
        } catch (Throwable e) { // ClassNotFoundException, UnsatisfiedLinkError, unsupported platform
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> recoverAddress(byte[] digest32, byte[] sig65) {
        Secp256k1Rules.requireDigest(digest32);
        OptionalInt recId = Secp256k1Rules.recoveryId(sig65);
        if (recId.isEmpty()) {
            return Optional.empty();
        }
        byte[] pub;
        try {
            pub = (byte[]) ecdsaRecover.invokeExact(Arrays.copyOf(sig65, 64), digest32, recId.getAsInt());
        } catch (RuntimeException e) { // Secp256k1Exception: no curve point for this r
            return Optional.empty();
        } catch (Throwable e) {
            throw new IllegalStateException("libsecp256k1 failed", e);
        }
        if (pub == null || pub.length != 65) {
            return Optional.empty();
        }
        return Optional.of(Secp256k1Rules.address(pub, 1));
    }

    @Override
    public String name() {
        return "libsecp256k1";
    }
}
