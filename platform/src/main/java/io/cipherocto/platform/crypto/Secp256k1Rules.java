package io.cipherocto.platform.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.OptionalInt;
import org.web3j.crypto.Hash;

/** The checks both implementations share: sizes, v, and r/s ranges with the low-s rule (OpenZeppelin ECDSA). */
final class Secp256k1Rules {
    /** The order n of the secp256k1 group. */
    static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    static final BigInteger HALF_N = N.shiftRight(1);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Secp256k1Rules() {
    }

    static void requireDigest(byte[] digest32) {
        if (digest32 == null || digest32.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
    }

    /** The recovery id 0/1 for a well-formed low-s signature, or empty. */
    static OptionalInt recoveryId(byte[] sig65) {
        if (sig65 == null || sig65.length != 65) {
            return OptionalInt.empty();
        }
        int v = sig65[64] & 0xff;
        int recId;
        if (v == 27 || v == 28) {
            recId = v - 27;
        } else if (v == 0 || v == 1) {
            recId = v;
        } else {
            return OptionalInt.empty();
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig65, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig65, 32, 64));
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(HALF_N) > 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(recId);
    }

    /** keccak256(x || y)[12..32] as 0x-hex, from a 64-byte uncompressed public key without its 0x04 prefix. */
    static String address(byte[] pub64, int offset) {
        byte[] h = Hash.sha3(pub64, offset, 64);
        char[] out = new char[42];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < 20; i++) {
            int b = h[12 + i] & 0xff;
            out[2 + 2 * i] = HEX[b >>> 4];
            out[3 + 2 * i] = HEX[b & 0xf];
        }
        return new String(out);
    }
}
