package io.cipherocto.contracts.eip712;

import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Wei;
import java.math.BigInteger;
import org.web3j.utils.Numeric;

/** 32-byte ABI words for EIP-712 struct hashing (static types only). */
public final class Words {
    private Words() {
    }

    public static byte[] uint(BigInteger v) {
        if (!Wei.fitsUint256(v)) {
            throw new IllegalArgumentException("not a uint256: " + v);
        }
        return Numeric.toBytesPadded(v, 32);
    }

    public static byte[] uint(long v) {
        return uint(BigInteger.valueOf(v));
    }

    public static byte[] address(String address) {
        byte[] a;
        try {
            a = Address.parse(address).bytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        byte[] w = new byte[32];
        System.arraycopy(a, 0, w, 12, 20);
        return w;
    }

    public static byte[] bytes32(byte[] b) {
        if (b.length != 32) {
            throw new IllegalArgumentException("not 32 bytes");
        }
        return b.clone();
    }

    public static byte[] bool(boolean b) {
        byte[] w = new byte[32];
        w[31] = (byte) (b ? 1 : 0);
        return w;
    }

    public static byte[] concat(byte[]... words) {
        int len = 0;
        for (byte[] w : words) {
            len += w.length;
        }
        byte[] out = new byte[len];
        int off = 0;
        for (byte[] w : words) {
            System.arraycopy(w, 0, out, off, w.length);
            off += w.length;
        }
        return out;
    }
}
