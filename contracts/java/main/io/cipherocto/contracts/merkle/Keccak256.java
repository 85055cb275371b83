package io.cipherocto.contracts.merkle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Keccak-256 (the original Keccak padding, as Ethereum's {@code keccak256}), allocation-free: the caller passes a
 * {@code long[25]} state that is reused between calls. Equal to web3j's {@code Hash.sha3} (tested on every input
 * length 0..300). The permutation keeps the 25 lanes in locals and
 * works plane by plane, two rounds per iteration (the XKCP 64-bit layout), so that fewer values are live at once.
 */
public final class Keccak256 {
    static final int RATE = 136;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The 24 round constants of keccak-f[1600] (iota). */
    static final long[] RC = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L};

    private Keccak256() {
    }

    /** keccak256 of {@code in[off, off+len)}; a new 32-byte array. */
    public static byte[] hash(byte[] in, int off, int len) {
        byte[] out = new byte[32];
        hash(in, off, len, out, 0, new long[25]);
        return out;
    }

    /** keccak256 of {@code in}; a new 32-byte array (about 0.5 us for one block here; web3j's is 0.7-1 us). */
    public static byte[] hash(byte[] in) {
        return hash(in, 0, in.length);
    }

    /** keccak256 of {@code in[off, off+len)} into {@code out[outOff, outOff+32)}; {@code s} is scratch (25 longs). */
    static void hash(byte[] in, int off, int len, byte[] out, int outOff, long[] s) {
        absorb(in, off, len, s);
        squeeze(s, out, outOff);
    }

    /** Absorbs the message and pads; the 32-byte digest is then lanes 0..3 of {@code s} (little-endian). */
    static void absorb(byte[] in, int off, int len, long[] s) {
        java.util.Arrays.fill(s, 0L);
        while (len >= RATE) {
            for (int i = 0; i < RATE / 8; i++) {
                s[i] ^= (long) LE_LONG.get(in, off + 8 * i);
            }
            permute(s);
            off += RATE;
            len -= RATE;
        }
        int full = len >>> 3;
        for (int i = 0; i < full; i++) {
            s[i] ^= (long) LE_LONG.get(in, off + 8 * i);
        }
        for (int j = full * 8; j < len; j++) {
            s[j >>> 3] ^= (in[off + j] & 0xFFL) << (8 * (j & 7));
        }
        s[len >>> 3] ^= 0x01L << (8 * (len & 7));
        s[(RATE - 1) >>> 3] ^= 0x80L << 56;
        permute(s);
    }

    static void squeeze(long[] s, byte[] out, int outOff) {
        LE_LONG.set(out, outOff, s[0]);
        LE_LONG.set(out, outOff + 8, s[1]);
        LE_LONG.set(out, outOff + 16, s[2]);
        LE_LONG.set(out, outOff + 24, s[3]);
    }

    /** Replaces lanes 0..3 (a digest) with keccak256 of those 32 bytes: the {@code keccak256(bytes.concat(h))} step. */
    static void rehash32(long[] s) {
        for (int i = 4; i < 25; i++) {
            s[i] = 0L;
        }
        s[4] = 0x01L;
        s[16] = 0x80L << 56;
        permute(s);
    }

    /** keccak256(a || b) of two 32-byte words at {@code a[aOff]} and {@code b[bOff]}, into {@code out[outOff]}. */
    static void hash64(byte[] a, int aOff, byte[] b, int bOff, byte[] out, int outOff, long[] s) {
        s[0] = (long) LE_LONG.get(a, aOff);
        s[1] = (long) LE_LONG.get(a, aOff + 8);
        s[2] = (long) LE_LONG.get(a, aOff + 16);
        s[3] = (long) LE_LONG.get(a, aOff + 24);
        s[4] = (long) LE_LONG.get(b, bOff);
        s[5] = (long) LE_LONG.get(b, bOff + 8);
        s[6] = (long) LE_LONG.get(b, bOff + 16);
        s[7] = (long) LE_LONG.get(b, bOff + 24);
        s[8] = 0x01L;
        for (int i = 9; i < 25; i++) {
            s[i] = 0L;
        }
        s[16] = 0x80L << 56;
        permute(s);
        squeeze(s, out, outOff);
    }

    static void permute(long[] s) {
        long a00 = s[0];
        long a10 = s[1];
        long a20 = s[2];
        long a30 = s[3];
        long a40 = s[4];
        long a01 = s[5];
        long a11 = s[6];
        long a21 = s[7];
        long a31 = s[8];
        long a41 = s[9];
        long a02 = s[10];
        long a12 = s[11];
        long a22 = s[12];
        long a32 = s[13];
        long a42 = s[14];
        long a03 = s[15];
        long a13 = s[16];
        long a23 = s[17];
        long a33 = s[18];
        long a43 = s[19];
        long a04 = s[20];
        long a14 = s[21];
        long a24 = s[22];
        long a34 = s[23];
        long a44 = s[24];
        long e00, e10, e20, e30, e40, e01, e11, e21, e31, e41, e02, e12, e22, e32, e42, e03, e13, e23, e33, e43, e04, e14, e24, e34, e44;
        long c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4;
        for (int round = 0; round < 24; round += 2) {
            c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            d0 = c4 ^ Long.rotateLeft(c1, 1);
            d1 = c0 ^ Long.rotateLeft(c2, 1);
            d2 = c1 ^ Long.rotateLeft(c3, 1);
            d3 = c2 ^ Long.rotateLeft(c4, 1);
            d4 = c3 ^ Long.rotateLeft(c0, 1);
            b0 = (a00 ^ d0);
            b1 = Long.rotateLeft(a11 ^ d1, 44);
            b2 = Long.rotateLeft(a22 ^ d2, 43);
            b3 = Long.rotateLeft(a33 ^ d3, 21);
            b4 = Long.rotateLeft(a44 ^ d4, 14);
            e00 = b0 ^ (~b1 & b2) ^ RC[round];
            e10 = b1 ^ (~b2 & b3);
            e20 = b2 ^ (~b3 & b4);
            e30 = b3 ^ (~b4 & b0);
            e40 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(a30 ^ d3, 28);
            b1 = Long.rotateLeft(a41 ^ d4, 20);
            b2 = Long.rotateLeft(a02 ^ d0, 3);
            b3 = Long.rotateLeft(a13 ^ d1, 45);
            b4 = Long.rotateLeft(a24 ^ d2, 61);
            e01 = b0 ^ (~b1 & b2);
            e11 = b1 ^ (~b2 & b3);
            e21 = b2 ^ (~b3 & b4);
            e31 = b3 ^ (~b4 & b0);
            e41 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(a10 ^ d1, 1);
            b1 = Long.rotateLeft(a21 ^ d2, 6);
            b2 = Long.rotateLeft(a32 ^ d3, 25);
            b3 = Long.rotateLeft(a43 ^ d4, 8);
            b4 = Long.rotateLeft(a04 ^ d0, 18);
            e02 = b0 ^ (~b1 & b2);
            e12 = b1 ^ (~b2 & b3);
            e22 = b2 ^ (~b3 & b4);
            e32 = b3 ^ (~b4 & b0);
            e42 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(a40 ^ d4, 27);
            b1 = Long.rotateLeft(a01 ^ d0, 36);
            b2 = Long.rotateLeft(a12 ^ d1, 10);
            b3 = Long.rotateLeft(a23 ^ d2, 15);
            b4 = Long.rotateLeft(a34 ^ d3, 56);
            e03 = b0 ^ (~b1 & b2);
            e13 = b1 ^ (~b2 & b3);
            e23 = b2 ^ (~b3 & b4);
            e33 = b3 ^ (~b4 & b0);
            e43 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(a20 ^ d2, 62);
            b1 = Long.rotateLeft(a31 ^ d3, 55);
            b2 = Long.rotateLeft(a42 ^ d4, 39);
            b3 = Long.rotateLeft(a03 ^ d0, 41);
            b4 = Long.rotateLeft(a14 ^ d1, 2);
            e04 = b0 ^ (~b1 & b2);
            e14 = b1 ^ (~b2 & b3);
            e24 = b2 ^ (~b3 & b4);
            e34 = b3 ^ (~b4 & b0);
            e44 = b4 ^ (~b0 & b1);
            c0 = e00 ^ e01 ^ e02 ^ e03 ^ e04;
            c1 = e10 ^ e11 ^ e12 ^ e13 ^ e14;
            c2 = e20 ^ e21 ^ e22 ^ e23 ^ e24;
            c3 = e30 ^ e31 ^ e32 ^ e33 ^ e34;
            c4 = e40 ^ e41 ^ e42 ^ e43 ^ e44;
            d0 = c4 ^ Long.rotateLeft(c1, 1);
            d1 = c0 ^ Long.rotateLeft(c2, 1);
            d2 = c1 ^ Long.rotateLeft(c3, 1);
            d3 = c2 ^ Long.rotateLeft(c4, 1);
            d4 = c3 ^ Long.rotateLeft(c0, 1);
            b0 = (e00 ^ d0);
            b1 = Long.rotateLeft(e11 ^ d1, 44);
            b2 = Long.rotateLeft(e22 ^ d2, 43);
            b3 = Long.rotateLeft(e33 ^ d3, 21);
            b4 = Long.rotateLeft(e44 ^ d4, 14);
            a00 = b0 ^ (~b1 & b2) ^ RC[round + 1];
            a10 = b1 ^ (~b2 & b3);
            a20 = b2 ^ (~b3 & b4);
            a30 = b3 ^ (~b4 & b0);
            a40 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(e30 ^ d3, 28);
            b1 = Long.rotateLeft(e41 ^ d4, 20);
            b2 = Long.rotateLeft(e02 ^ d0, 3);
            b3 = Long.rotateLeft(e13 ^ d1, 45);
            b4 = Long.rotateLeft(e24 ^ d2, 61);
            a01 = b0 ^ (~b1 & b2);
            a11 = b1 ^ (~b2 & b3);
            a21 = b2 ^ (~b3 & b4);
            a31 = b3 ^ (~b4 & b0);
            a41 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(e10 ^ d1, 1);
            b1 = Long.rotateLeft(e21 ^ d2, 6);
            b2 = Long.rotateLeft(e32 ^ d3, 25);
            b3 = Long.rotateLeft(e43 ^ d4, 8);
            b4 = Long.rotateLeft(e04 ^ d0, 18);
            a02 = b0 ^ (~b1 & b2);
            a12 = b1 ^ (~b2 & b3);
            a22 = b2 ^ (~b3 & b4);
            a32 = b3 ^ (~b4 & b0);
            a42 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(e40 ^ d4, 27);
            b1 = Long.rotateLeft(e01 ^ d0, 36);
            b2 = Long.rotateLeft(e12 ^ d1, 10);
            b3 = Long.rotateLeft(e23 ^ d2, 15);
            b4 = Long.rotateLeft(e34 ^ d3, 56);
            a03 = b0 ^ (~b1 & b2);
            a13 = b1 ^ (~b2 & b3);
            a23 = b2 ^ (~b3 & b4);
            a33 = b3 ^ (~b4 & b0);
            a43 = b4 ^ (~b0 & b1);
            b0 = Long.rotateLeft(e20 ^ d2, 62);
            b1 = Long.rotateLeft(e31 ^ d3, 55);
            b2 = Long.rotateLeft(e42 ^ d4, 39);
            b3 = Long.rotateLeft(e03 ^ d0, 41);
            b4 = Long.rotateLeft(e14 ^ d1, 2);
            a04 = b0 ^ (~b1 & b2);
            a14 = b1 ^ (~b2 & b3);
            a24 = b2 ^ (~b3 & b4);
            a34 = b3 ^ (~b4 & b0);
            a44 = b4 ^ (~b0 & b1);
        }
        s[0] = a00;
        s[1] = a10;
        s[2] = a20;
        s[3] = a30;
        s[4] = a40;
        s[5] = a01;
        s[6] = a11;
        s[7] = a21;
        s[8] = a31;
        s[9] = a41;
        s[10] = a02;
        s[11] = a12;
        s[12] = a22;
        s[13] = a32;
        s[14] = a42;
        s[15] = a03;
        s[16] = a13;
        s[17] = a23;
        s[18] = a33;
        s[19] = a43;
        s[20] = a04;
        s[21] = a14;
        s[22] = a24;
        s[23] = a34;
        s[24] = a44;
    }

}
