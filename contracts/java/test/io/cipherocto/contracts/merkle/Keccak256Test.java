package io.cipherocto.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The allocation-free Keccak-256 against web3j's {@code Hash.sha3} (BouncyCastle). */
class Keccak256Test {
    @Test
    void equalsWeb3jOnRandomInputsOfEveryLength() {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] s = new long[25];
        byte[] out = new byte[40];
        for (int len = 0; len <= 300; len++) {
            int rounds = len <= 136 ? 30 : 3;
            for (int r = 0; r < rounds; r++) {
                byte[] in = new byte[len + 7];
                rnd.nextBytes(in);
                int off = rnd.nextInt(8);
                byte[] msg = Arrays.copyOfRange(in, off, off + len);
                Keccak256.hash(in, off, len, out, 5, s);
                assertThat(Arrays.copyOfRange(out, 5, 37)).as("length %d", len).isEqualTo(Hash.sha3(msg));
                assertThat(Keccak256.hash(msg)).isEqualTo(Hash.sha3(msg));
            }
        }
    }

    @Test
    void knownVectors() {
        assertThat(org.web3j.utils.Numeric.toHexString(Keccak256.hash(new byte[0])))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void hash64AndRehash32EqualWeb3j() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] s = new long[25];
        for (int r = 0; r < 2000; r++) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            rnd.nextBytes(a);
            rnd.nextBytes(b);
            byte[] out = new byte[32];
            Keccak256.hash64(a, 0, b, 0, out, 0, s);
            byte[] ab = new byte[64];
            System.arraycopy(a, 0, ab, 0, 32);
            System.arraycopy(b, 0, ab, 32, 32);
            assertThat(out).isEqualTo(Hash.sha3(ab));
            Keccak256.absorb(ab, 0, 64, s);
            Keccak256.rehash32(s);
            Keccak256.squeeze(s, out, 0);
            assertThat(out).isEqualTo(Hash.sha3(Hash.sha3(ab)));
        }
    }
}
