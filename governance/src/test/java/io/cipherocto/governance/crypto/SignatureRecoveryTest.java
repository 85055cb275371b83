package io.cipherocto.governance.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.platform.crypto.JavaSignatureRecovery;
import io.cipherocto.platform.crypto.NativeSignatureRecovery;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.platform.crypto.SignatureRecovery;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The two {@link SignatureRecovery} implementations of octo-platform (tested here, where JUnit is available) agree on
 * random signatures and refuse what OpenZeppelin's ECDSA.tryRecover refuses.
 */
class SignatureRecoveryTest {
    private static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private final SignatureRecovery java = new JavaSignatureRecovery();
    private final SignatureRecovery nativeLib = NativeSignatureRecovery.load().orElseThrow(
            () -> new AssertionError("libsecp256k1 did not load on this platform"));

    private static byte[] sign(ECKeyPair key, byte[] digest) {
        Sign.SignatureData s = Sign.signMessage(digest, key, false);
        byte[] sig = new byte[65];
        System.arraycopy(s.getR(), 0, sig, 0, 32);
        System.arraycopy(s.getS(), 0, sig, 32, 32);
        sig[64] = s.getV()[0];
        return sig;
    }

    @Test
    void javaAndLibsecp256k1_recoverTheSameSigner_onManyRandomSignatures() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            ECKeyPair key = Keys.createEcKeyPair();
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            byte[] sig = sign(key, digest);
            String expected = "0x" + Keys.getAddress(key);
            assertThat(java.recoverAddress(digest, sig)).contains(expected);
            assertThat(nativeLib.recoverAddress(digest, sig)).contains(expected);
            // v as 0/1 means the same as 27/28
            byte[] v01 = sig.clone();
            v01[64] -= 27;
            assertThat(java.recoverAddress(digest, v01)).contains(expected);
            assertThat(nativeLib.recoverAddress(digest, v01)).contains(expected);
            // a different digest recovers someone else (or nobody), identically in both
            digest[0] ^= 1;
            assertThat(nativeLib.recoverAddress(digest, sig)).isEqualTo(java.recoverAddress(digest, sig))
                    .isNotEqualTo(Optional.of(expected));
        }
    }

    @Test
    void bothRefuse_highS_invalidV_zeroOrOverflowingRS_andWrongLengths() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        byte[] digest = new byte[32];
        digest[5] = 7;
        byte[] sig = sign(key, digest);
        for (SignatureRecovery r : new SignatureRecovery[] {java, nativeLib}) {
            assertThat(r.recoverAddress(digest, sig)).as(r.name()).isPresent();

            byte[] highS = sig.clone(); // (r, n - s, v ^ 1) is the malleable twin: refused
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            byte[] twin = toBytes32(N.subtract(s));
            System.arraycopy(twin, 0, highS, 32, 32);
            highS[64] = (byte) (sig[64] == 27 ? 28 : 27);
            assertThat(r.recoverAddress(digest, highS)).as(r.name() + " high s").isEmpty();

            for (int v : new int[] {2, 26, 29, 35, 255}) {
                byte[] badV = sig.clone();
                badV[64] = (byte) v;
                assertThat(r.recoverAddress(digest, badV)).as(r.name() + " v=" + v).isEmpty();
            }
            byte[] zeroR = sig.clone();
            Arrays.fill(zeroR, 0, 32, (byte) 0);
            assertThat(r.recoverAddress(digest, zeroR)).as(r.name() + " r=0").isEmpty();
            byte[] bigR = sig.clone();
            System.arraycopy(toBytes32(N), 0, bigR, 0, 32);
            assertThat(r.recoverAddress(digest, bigR)).as(r.name() + " r=n").isEmpty();
            assertThat(r.recoverAddress(digest, Arrays.copyOf(sig, 64))).as(r.name() + " 64 bytes").isEmpty();
            assertThat(r.recoverAddress(digest, null)).isEmpty();
            assertThatThrownBy(() -> r.recoverAddress(new byte[31], sig)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void default_isLibsecp256k1_unlessJavaIsForced() {
        assertThat(SignatureRecoveries.choose("native").name()).isEqualTo("libsecp256k1");
        assertThat(SignatureRecoveries.choose("java").name()).isEqualTo("java");
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(32, b.length);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
        return out;
    }
}
