package io.cipherocto.contracts.merkle;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Keccak-256 of {@link #LANES} independent messages at once: keccak-f[1600] on vectors whose lane j holds message
 * j's state (the JDK's incubating Vector API, {@code jdk.incubator.vector}; 8 lanes of 64 bits with AVX-512, 4 with
 * AVX2). The same permutation as {@link Keccak256} (generated from it), so the same bits:
 * tested against the scalar path on every batch size. Only used where the JVM was started with
 * {@code --add-modules jdk.incubator.vector} ({@link MerkleHashing#VECTOR}); everything else takes the scalar path.
 *
 * <p>State layout in the {@code long[25 * LANES]} scratch: word i (little-endian lane i of the sponge) of message j at
 * {@code [i * LANES + j]}, so that one vector load takes word i of every message.
 */
final class Keccak256Lanes {
    static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    /** Messages hashed per call. */
    static final int LANES = S.length();
    private static final int L = LANES;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long PAD_END = 0x80L << 56;
    private static final long[] RC = Keccak256.RC;

    private Keccak256Lanes() {
    }

    /** Scratch for one thread: the transposed state. */
    static long[] newState() {
        return new long[25 * L];
    }

    /**
     * keccak256(keccak256(m_j)) (a StandardMerkleTree leaf) of {@code count <= LANES} messages of {@code len} bytes
     * each ({@code len} a multiple of 8, below the 136-byte rate) at {@code in[j * len]}, into
     * {@code out[outOff + 32 * j]}. Lanes past {@code count} hash garbage that is not written out.
     */
    static void leafHashes(byte[] in, int len, int count, byte[] out, int outOff, long[] st) {
        Arrays.fill(st, 0L);
        int words = len >>> 3;
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < words; i++) {
                st[i * L + j] = (long) LE_LONG.get(in, j * len + 8 * i);
            }
        }
        for (int j = 0; j < L; j++) {
            st[words * L + j] ^= 0x01L;
            st[16 * L + j] ^= PAD_END;
        }
        permute(st);
        // second hash: the 32-byte digest (words 0..3) padded
        Arrays.fill(st, 4 * L, 25 * L, 0L);
        for (int j = 0; j < L; j++) {
            st[4 * L + j] = 0x01L;
            st[16 * L + j] = PAD_END;
        }
        permute(st);
        squeeze(st, count, out, outOff, 32);
    }

    /**
     * keccak256(left_j || right_j) of {@code count <= LANES} pairs of 32-byte words of {@code tree} at the given byte
     * offsets, each into {@code tree[outOff[j]]}.
     */
    static void pairHashes(byte[] tree, int[] leftOff, int[] rightOff, int[] outOff, int count, long[] st) {
        Arrays.fill(st, 8 * L, 25 * L, 0L);
        for (int j = 0; j < count; j++) {
            int l = leftOff[j];
            int r = rightOff[j];
            st[j] = (long) LE_LONG.get(tree, l);
            st[L + j] = (long) LE_LONG.get(tree, l + 8);
            st[2 * L + j] = (long) LE_LONG.get(tree, l + 16);
            st[3 * L + j] = (long) LE_LONG.get(tree, l + 24);
            st[4 * L + j] = (long) LE_LONG.get(tree, r);
            st[5 * L + j] = (long) LE_LONG.get(tree, r + 8);
            st[6 * L + j] = (long) LE_LONG.get(tree, r + 16);
            st[7 * L + j] = (long) LE_LONG.get(tree, r + 24);
        }
        for (int j = 0; j < L; j++) {
            st[8 * L + j] = 0x01L;
            st[16 * L + j] = PAD_END;
        }
        permute(st);
        for (int j = 0; j < count; j++) {
            int o = outOff[j];
            LE_LONG.set(tree, o, st[j]);
            LE_LONG.set(tree, o + 8, st[L + j]);
            LE_LONG.set(tree, o + 16, st[2 * L + j]);
            LE_LONG.set(tree, o + 24, st[3 * L + j]);
        }
    }

    private static void squeeze(long[] st, int count, byte[] out, int outOff, int stride) {
        for (int j = 0; j < count; j++) {
            int o = outOff + stride * j;
            LE_LONG.set(out, o, st[j]);
            LE_LONG.set(out, o + 8, st[L + j]);
            LE_LONG.set(out, o + 16, st[2 * L + j]);
            LE_LONG.set(out, o + 24, st[3 * L + j]);
        }
    }

    /**
     * keccak-f[1600] of all lanes of the transposed state {@code st}, in place. One round per call: a whole
     * unrolled permutation is too large for C2 to keep every vector in registers (it then falls back to allocating
     * vector objects, about 10x slower), a single round is not.
     */
    static void permute(long[] st) {
        for (int round = 0; round < 24; round++) {
            round(st, RC[round]);
        }
    }

    private static void round(long[] st, long rc) {
        LongVector rcv = LongVector.broadcast(S, rc);
        LongVector a00 = LongVector.fromArray(S, st, 0 * L);
        LongVector a10 = LongVector.fromArray(S, st, 1 * L);
        LongVector a20 = LongVector.fromArray(S, st, 2 * L);
        LongVector a30 = LongVector.fromArray(S, st, 3 * L);
        LongVector a40 = LongVector.fromArray(S, st, 4 * L);
        LongVector a01 = LongVector.fromArray(S, st, 5 * L);
        LongVector a11 = LongVector.fromArray(S, st, 6 * L);
        LongVector a21 = LongVector.fromArray(S, st, 7 * L);
        LongVector a31 = LongVector.fromArray(S, st, 8 * L);
        LongVector a41 = LongVector.fromArray(S, st, 9 * L);
        LongVector a02 = LongVector.fromArray(S, st, 10 * L);
        LongVector a12 = LongVector.fromArray(S, st, 11 * L);
        LongVector a22 = LongVector.fromArray(S, st, 12 * L);
        LongVector a32 = LongVector.fromArray(S, st, 13 * L);
        LongVector a42 = LongVector.fromArray(S, st, 14 * L);
        LongVector a03 = LongVector.fromArray(S, st, 15 * L);
        LongVector a13 = LongVector.fromArray(S, st, 16 * L);
        LongVector a23 = LongVector.fromArray(S, st, 17 * L);
        LongVector a33 = LongVector.fromArray(S, st, 18 * L);
        LongVector a43 = LongVector.fromArray(S, st, 19 * L);
        LongVector a04 = LongVector.fromArray(S, st, 20 * L);
        LongVector a14 = LongVector.fromArray(S, st, 21 * L);
        LongVector a24 = LongVector.fromArray(S, st, 22 * L);
        LongVector a34 = LongVector.fromArray(S, st, 23 * L);
        LongVector a44 = LongVector.fromArray(S, st, 24 * L);
        LongVector e00, e10, e20, e30, e40, e01, e11, e21, e31, e41, e02, e12, e22, e32, e42, e03, e13, e23, e33, e43, e04, e14, e24, e34, e44;
        LongVector c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4;
        c0 = a00.lanewise(XOR, a01).lanewise(XOR, a02).lanewise(XOR, a03).lanewise(XOR, a04);
        c1 = a10.lanewise(XOR, a11).lanewise(XOR, a12).lanewise(XOR, a13).lanewise(XOR, a14);
        c2 = a20.lanewise(XOR, a21).lanewise(XOR, a22).lanewise(XOR, a23).lanewise(XOR, a24);
        c3 = a30.lanewise(XOR, a31).lanewise(XOR, a32).lanewise(XOR, a33).lanewise(XOR, a34);
        c4 = a40.lanewise(XOR, a41).lanewise(XOR, a42).lanewise(XOR, a43).lanewise(XOR, a44);
        d0 = c4.lanewise(XOR, c1.lanewise(ROL, 1));
        d1 = c0.lanewise(XOR, c2.lanewise(ROL, 1));
        d2 = c1.lanewise(XOR, c3.lanewise(ROL, 1));
        d3 = c2.lanewise(XOR, c4.lanewise(ROL, 1));
        d4 = c3.lanewise(XOR, c0.lanewise(ROL, 1));
        b0 = a00.lanewise(XOR, d0);
        b1 = a11.lanewise(XOR, d1).lanewise(ROL, 44);
        b2 = a22.lanewise(XOR, d2).lanewise(ROL, 43);
        b3 = a33.lanewise(XOR, d3).lanewise(ROL, 21);
        b4 = a44.lanewise(XOR, d4).lanewise(ROL, 14);
        e00 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1)).lanewise(XOR, rcv);
        e10 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
        e20 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
        e30 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
        e40 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
        b0 = a30.lanewise(XOR, d3).lanewise(ROL, 28);
        b1 = a41.lanewise(XOR, d4).lanewise(ROL, 20);
        b2 = a02.lanewise(XOR, d0).lanewise(ROL, 3);
        b3 = a13.lanewise(XOR, d1).lanewise(ROL, 45);
        b4 = a24.lanewise(XOR, d2).lanewise(ROL, 61);
        e01 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
        e11 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
        e21 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
        e31 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
        e41 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
        b0 = a10.lanewise(XOR, d1).lanewise(ROL, 1);
        b1 = a21.lanewise(XOR, d2).lanewise(ROL, 6);
        b2 = a32.lanewise(XOR, d3).lanewise(ROL, 25);
        b3 = a43.lanewise(XOR, d4).lanewise(ROL, 8);
        b4 = a04.lanewise(XOR, d0).lanewise(ROL, 18);
        e02 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
        e12 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
        e22 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
        e32 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
        e42 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
        b0 = a40.lanewise(XOR, d4).lanewise(ROL, 27);
        b1 = a01.lanewise(XOR, d0).lanewise(ROL, 36);
        b2 = a12.lanewise(XOR, d1).lanewise(ROL, 10);
        b3 = a23.lanewise(XOR, d2).lanewise(ROL, 15);
        b4 = a34.lanewise(XOR, d3).lanewise(ROL, 56);
        e03 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
        e13 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
        e23 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
        e33 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
        e43 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
        b0 = a20.lanewise(XOR, d2).lanewise(ROL, 62);
        b1 = a31.lanewise(XOR, d3).lanewise(ROL, 55);
        b2 = a42.lanewise(XOR, d4).lanewise(ROL, 39);
        b3 = a03.lanewise(XOR, d0).lanewise(ROL, 41);
        b4 = a14.lanewise(XOR, d1).lanewise(ROL, 2);
        e04 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
        e14 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
        e24 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
        e34 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
        e44 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));

        e00.intoArray(st, 0 * L);
        e10.intoArray(st, 1 * L);
        e20.intoArray(st, 2 * L);
        e30.intoArray(st, 3 * L);
        e40.intoArray(st, 4 * L);
        e01.intoArray(st, 5 * L);
        e11.intoArray(st, 6 * L);
        e21.intoArray(st, 7 * L);
        e31.intoArray(st, 8 * L);
        e41.intoArray(st, 9 * L);
        e02.intoArray(st, 10 * L);
        e12.intoArray(st, 11 * L);
        e22.intoArray(st, 12 * L);
        e32.intoArray(st, 13 * L);
        e42.intoArray(st, 14 * L);
        e03.intoArray(st, 15 * L);
        e13.intoArray(st, 16 * L);
        e23.intoArray(st, 17 * L);
        e33.intoArray(st, 18 * L);
        e43.intoArray(st, 19 * L);
        e04.intoArray(st, 20 * L);
        e14.intoArray(st, 21 * L);
        e24.intoArray(st, 22 * L);
        e34.intoArray(st, 23 * L);
        e44.intoArray(st, 24 * L);
    }
}
