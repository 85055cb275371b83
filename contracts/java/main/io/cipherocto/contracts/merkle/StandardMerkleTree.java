package io.cipherocto.contracts.merkle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A Merkle tree laid out, hashed and dumped exactly as OpenZeppelin's {@code @openzeppelin/merkle-tree}
 * {@code StandardMerkleTree} (format {@code standard-v1}): leaf = keccak256(bytes.concat(keccak256(abi.encode(values)))),
 * internal node = keccak256 of the sorted pair, leaves sorted by hash (unless disabled), the complete binary tree
 * stored in an array with the leaves at the end in reverse order. A tree built here loads there and the reverse,
 * with the same root and the same proofs. Proofs verify with OpenZeppelin's {@code MerkleProof.verify}.
 *
 * <p>Leaf values are static ABI types: {@code address}, {@code bool}, {@code bytes1..bytes32}, {@code uint8..uint256}
 * and {@code int8..int256}. Values are normalized: addresses and bytes as lowercase 0x-hex strings, integers as
 * {@link BigInteger}, booleans as {@link Boolean}.
 *
 * <p>Implementation: the 2n-1 nodes live in one flat {@code byte[]} (32 bytes each); hashing uses an allocation-free
 * Keccak-256 ({@link Keccak256}); leaves are hashed, sorted and each tree level hashed in parallel above
 * {@value #PARALLEL_THRESHOLD} leaves. Sorting packs a 64-bit hash prefix and the leaf index into one {@code long}, then
 * re-sorts the (rare) runs with equal prefixes on the full hash; equal hashes keep insertion order, like OpenZeppelin's
 * stable sort.
 */
public final class StandardMerkleTree {
    public static final String FORMAT = "standard-v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int PARALLEL_THRESHOLD = 1 << 13;
    private static final int CHUNK = 1 << 12;

    private static final int T_ADDRESS = 0;
    private static final int T_BOOL = 1;
    private static final int T_BYTES = 2;
    private static final int T_UINT = 3;
    private static final int T_INT = 4;

    private final List<String> leafEncoding;
    /** Normalized values, row-major: value j of leaf i at {@code i * width + j}. */
    private final Object[] values;
    private final int width;
    private final int n;
    private final int[] treeIndex;
    /** Node i at {@code tree[32 * i, 32 * i + 32)}. */
    private final byte[] tree;

    private StandardMerkleTree(List<String> leafEncoding, Object[] values, int n, int[] treeIndex, byte[] tree) {
        this.leafEncoding = List.copyOf(leafEncoding);
        this.values = values;
        this.width = leafEncoding.size();
        this.n = n;
        this.treeIndex = treeIndex;
        this.tree = tree;
    }

    /**
     * Has the JIT compile the vector hashing now, in a background thread, instead of during the first large tree (a
     * service that builds one tree per epoch would otherwise pay about a second for it at its first large epoch).
     * Call once at start-up; a no-op where the lane path is off (no {@code jdk.incubator.vector}).
     */
    public static void warmUp() {
        MerkleHashing.warmUp();
    }

    /** Builds a tree with sorted leaves (OpenZeppelin's default). */
    public static StandardMerkleTree of(List<? extends List<?>> values, List<String> leafEncoding) {
        return of(values, leafEncoding, true);
    }

    public static StandardMerkleTree of(List<? extends List<?>> values, List<String> leafEncoding, boolean sortLeaves) {
        // Small trees stay scalar: until C2 has compiled the lane code (thousands of calls), every vector op allocates
        // and a permutation takes tens of microseconds instead of 0.5.
        return of(values, leafEncoding, sortLeaves, MerkleHashing.VECTOR && values.size() >= PARALLEL_THRESHOLD);
    }

    /** {@code vector}: hash with {@link Keccak256Lanes} (needs {@code --add-modules jdk.incubator.vector}); same tree. */
    static StandardMerkleTree of(List<? extends List<?>> values, List<String> leafEncoding, boolean sortLeaves,
            boolean vector) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(leafEncoding, "leafEncoding");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        Types types = Types.of(leafEncoding);
        if (!(values instanceof java.util.RandomAccess)) {
            values = new ArrayList<>(values);
        }
        int n = values.size();
        int w = types.width();
        Object[] normalized = new Object[n * w];
        int[] treeIndex = new int[n];
        byte[] tree = hashAndPlaceLeaves(values, types, sortLeaves, normalized, treeIndex, vector);
        hashInnerNodes(tree, n, vector);
        return new StandardMerkleTree(leafEncoding, normalized, n, treeIndex, tree);
    }

    /**
     * The root of the tree whose leaves have the hashes {@code leafHashes} (32 bytes each, {@code n} of them, as
     * {@link #leafHash(List, List)} gives them), without the leaf values: what {@link #of(List, List)} gives for the
     * values, in a few bytes per leaf beyond the node array (32 * (2n - 1) bytes). For a root over millions of leaves
     * whose values need not be kept.
     */
    public static byte[] rootOfLeafHashes(byte[] leafHashes, int n) {
        return Arrays.copyOf(nodesOfLeafHashes(leafHashes, n), 32);
    }

    /**
     * The node array (32 * (2n - 1) bytes, node i at {@code [32 * i, 32 * i + 32)}) of the tree whose leaves have the
     * hashes {@code leafHashes}: the leaves sorted by hash and placed at the end in reverse order, the inner nodes hashed.
     */
    static byte[] nodesOfLeafHashes(byte[] leafHashes, int n) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        if (n < 1 || leafHashes.length < 32L * n) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf of 32 bytes");
        }
        int[] order = sortedOrder(leafHashes, n);
        byte[] tree = new byte[Math.multiplyExact(32, 2 * n - 1)];
        for (int leafPos = 0; leafPos < n; leafPos++) {
            System.arraycopy(leafHashes, 32 * order[leafPos], tree, 32 * (2 * n - 2 - leafPos), 32);
        }
        order = null;
        hashInnerNodes(tree, n, MerkleHashing.VECTOR && n >= PARALLEL_THRESHOLD);
        return tree;
    }

    /**
     * The leaf hashes of {@code values} (32 bytes each, in order), as {@link #of(List, List)} hashes its leaves: what
     * {@link #rootOfLeafHashes} takes. The types are parsed once for all values, which are hashed in parallel when many.
     */
    public static byte[] leafHashes(List<? extends List<?>> values, List<String> leafEncoding) {
        Objects.requireNonNull(values, "values");
        Types types = Types.of(Objects.requireNonNull(leafEncoding, "leafEncoding"));
        if (!(values instanceof java.util.RandomAccess)) {
            values = new ArrayList<>(values);
        }
        return hashLeaves(values, types, new Object[values.size() * types.width()],
                MerkleHashing.VECTOR && values.size() >= PARALLEL_THRESHOLD);
    }

    /** Normalizes and hashes the leaves, sorts them and returns the node array with the leaves in place. */
    private static byte[] hashAndPlaceLeaves(List<? extends List<?>> values, Types types, boolean sortLeaves,
            Object[] normalized, int[] treeIndex, boolean vector) {
        int n = values.size();
        byte[] leafHashes = hashLeaves(values, types, normalized, vector);
        int[] order = sortLeaves ? sortedOrder(leafHashes, n) : null;
        byte[] tree = new byte[32 * (2 * n - 1)];
        for (int leafPos = 0; leafPos < n; leafPos++) {
            int valueIndex = order == null ? leafPos : order[leafPos];
            int ti = 2 * n - 2 - leafPos;
            System.arraycopy(leafHashes, 32 * valueIndex, tree, 32 * ti, 32);
            treeIndex[valueIndex] = ti;
        }
        return tree;
    }

    /** Normalizes the values into {@code normalized} and returns their leaf hashes, 32 bytes each, in order. */
    private static byte[] hashLeaves(List<? extends List<?>> values, Types types, Object[] normalized, boolean vector) {
        int n = values.size();
        int w = types.width();
        byte[] leafHashes = new byte[32 * n];
        // the lane path hashes single-block leaves (up to 4 columns: 128 bytes < the 136-byte rate)
        boolean lanes = vector && 32 * w < Keccak256.RATE;
        forChunks(n, (from, to) -> {
            Scratch sc = new Scratch(w);
            if (lanes) {
                int l = Keccak256Lanes.LANES;
                byte[] buf = new byte[32 * w * l];
                long[] st = Keccak256Lanes.newState();
                for (int i = from; i < to; i += l) {
                    int count = Math.min(l, to - i);
                    for (int j = 0; j < count; j++) {
                        types.normalizeInto(values.get(i + j), i + j, normalized, (i + j) * w);
                        types.encode(normalized, (i + j) * w, buf, 32 * w * j);
                    }
                    Keccak256Lanes.leafHashes(buf, 32 * w, count, leafHashes, 32 * i, st);
                }
                return;
            }
            for (int i = from; i < to; i++) {
                types.normalizeInto(values.get(i), i, normalized, i * w);
                types.leafHash(normalized, i * w, sc, leafHashes, 32 * i);
            }
        });
        return leafHashes;
    }

    /** Leaf positions in OpenZeppelin's order: by leaf hash (unsigned), ties in insertion order. */
    private static int[] sortedOrder(byte[] hashes, int n) {
        int idxBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        long prefixMask = -1L << idxBits;
        long[] keys = new long[n];
        forChunks(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                long prefix = Bytes.beLong(hashes, 32 * i);
                // flip the sign bit so that a signed sort orders the prefixes as unsigned numbers
                keys[i] = ((prefix & prefixMask) | i) ^ Long.MIN_VALUE;
            }
        });
        if (n >= PARALLEL_THRESHOLD) {
            Arrays.parallelSort(keys);
        } else {
            Arrays.sort(keys);
        }
        int[] order = new int[n];
        long idxMask = ~prefixMask;
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & idxMask);
        }
        // runs with the same truncated prefix: order them by the full hash, then by index (stable)
        for (int i = 0; i < n; ) {
            int j = i + 1;
            long p = keys[i] & prefixMask;
            while (j < n && (keys[j] & prefixMask) == p) {
                j++;
            }
            if (j - i > 1) {
                Integer[] run = new Integer[j - i];
                for (int k = i; k < j; k++) {
                    run[k - i] = order[k];
                }
                Arrays.sort(run, (a, b) -> {
                    int c = Arrays.compareUnsigned(hashes, 32 * a, 32 * a + 32, hashes, 32 * b, 32 * b + 32);
                    return c != 0 ? c : Integer.compare(a, b);
                });
                for (int k = i; k < j; k++) {
                    order[k] = run[k - i];
                }
            }
            i = j;
        }
        return order;
    }

    /** Hashes nodes n-2..0 from their children, one level at a time (deepest first), in parallel for wide levels. */
    private static void hashInnerNodes(byte[] tree, int n, boolean vector) {
        int last = n - 2; // last inner node
        if (last < 0) {
            return;
        }
        int depth = 31 - Integer.numberOfLeadingZeros(last + 1);
        for (int d = depth; d >= 0; d--) {
            int from = (1 << d) - 1;
            int to = Math.min((1 << (d + 1)) - 2, last) + 1;
            int count = to - from;
            if (count >= PARALLEL_THRESHOLD) {
                int chunks = (count + CHUNK - 1) / CHUNK;
                IntStream.range(0, chunks).parallel().forEach(c -> {
                    int a = from + c * CHUNK;
                    hashNodes(tree, a, Math.min(to, a + CHUNK), vector);
                });
            } else {
                hashNodes(tree, from, to, vector);
            }
        }
    }

    /** Hashes nodes [from, to) from their children. */
    private static void hashNodes(byte[] tree, int from, int to, boolean vector) {
        if (!vector || to - from < 4) {
            long[] s = new long[25];
            for (int i = from; i < to; i++) {
                hashChildren(tree, i, s);
            }
            return;
        }
        int l = Keccak256Lanes.LANES;
        long[] st = Keccak256Lanes.newState();
        int[] left = new int[l];
        int[] right = new int[l];
        int[] out = new int[l];
        for (int i = from; i < to; i += l) {
            int count = Math.min(l, to - i);
            for (int j = 0; j < count; j++) {
                int node = i + j;
                int a = 32 * (2 * node + 1);
                int b = a + 32;
                boolean ordered = Arrays.compareUnsigned(tree, a, a + 32, tree, b, b + 32) <= 0;
                left[j] = ordered ? a : b;
                right[j] = ordered ? b : a;
                out[j] = 32 * node;
            }
            Keccak256Lanes.pairHashes(tree, left, right, out, count, st);
        }
    }

    private static void hashChildren(byte[] tree, int i, long[] s) {
        int l = 32 * (2 * i + 1);
        int r = l + 32;
        if (Arrays.compareUnsigned(tree, l, l + 32, tree, r, r + 32) <= 0) {
            Keccak256.hash64(tree, l, tree, r, tree, 32 * i, s);
        } else {
            Keccak256.hash64(tree, r, tree, l, tree, 32 * i, s);
        }
    }

    /** Loads a {@code standard-v1} dump (as written by OpenZeppelin's {@code tree.dump()} or {@link #dump()}) and checks it. */
    public static StandardMerkleTree load(String json) {
        try {
            return load(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON Merkle tree dump: " + e.getMessage(), e);
        }
    }

    public static StandardMerkleTree load(JsonNode dump) {
        if (!FORMAT.equals(dump.path("format").asText())) {
            throw new IllegalArgumentException("unknown Merkle tree format '" + dump.path("format").asText() + "' (expected " + FORMAT + ")");
        }
        List<String> encoding = new ArrayList<>();
        dump.path("leafEncoding").forEach(t -> encoding.add(t.asText()));
        Types types = Types.of(encoding);
        int w = types.width();
        JsonNode treeNode = dump.path("tree");
        JsonNode valuesNode = dump.path("values");
        int nodes = treeNode.size();
        int n = valuesNode.size();
        if (n == 0 || nodes != 2 * n - 1) {
            throw new IllegalArgumentException("tree has " + nodes + " nodes for " + n + " values");
        }
        byte[] tree = new byte[32 * nodes];
        for (int i = 0; i < nodes; i++) {
            String h = treeNode.get(i).asText();
            if (!h.startsWith("0x") && !h.startsWith("0X")) {
                h = "0x" + h; // as web3j's Numeric.hexStringToByteArray, which the earlier version used
            }
            if (!Bytes.parseHex(h, tree, 32 * i, 32)) {
                throw new IllegalArgumentException("node " + i + " is not 32 bytes");
            }
        }
        Object[] values = new Object[n * w];
        int[] treeIndex = new int[n];
        List<Object> raw = new ArrayList<>(w);
        for (int i = 0; i < n; i++) {
            JsonNode entry = valuesNode.get(i);
            raw.clear();
            entry.path("value").forEach(x -> raw.add(x.isBoolean() ? (Object) x.asBoolean() : x.asText()));
            types.normalizeInto(raw, i, values, i * w);
            treeIndex[i] = entry.path("treeIndex").asInt(-1);
        }
        StandardMerkleTree t = new StandardMerkleTree(encoding, values, n, treeIndex, tree);
        t.validate();
        return t;
    }

    /** Checks that every node is the hash of its children and every value's leaf sits where the dump says. */
    public void validate() {
        if (n == 0 || tree.length != 32 * (2 * n - 1)) {
            throw new IllegalArgumentException("tree has " + tree.length / 32 + " nodes for " + n + " values");
        }
        int inner = n - 1;
        int[] badNode = {Integer.MAX_VALUE};
        forChunks(inner, (from, to) -> {
            long[] s = new long[25];
            byte[] h = new byte[32];
            for (int i = from; i < to; i++) {
                int l = 32 * (2 * i + 1);
                int r = l + 32;
                if (Arrays.compareUnsigned(tree, l, l + 32, tree, r, r + 32) <= 0) {
                    Keccak256.hash64(tree, l, tree, r, h, 0, s);
                } else {
                    Keccak256.hash64(tree, r, tree, l, h, 0, s);
                }
                if (Arrays.mismatch(h, 0, 32, tree, 32 * i, 32 * i + 32) >= 0) {
                    synchronized (badNode) {
                        badNode[0] = Math.min(badNode[0], i);
                    }
                    return;
                }
            }
        });
        if (badNode[0] != Integer.MAX_VALUE) {
            throw new IllegalArgumentException("node " + badNode[0] + " is not the hash of its children");
        }
        Types types = Types.of(leafEncoding);
        int[] badValue = {Integer.MAX_VALUE};
        forChunks(n, (from, to) -> {
            Scratch sc = new Scratch(width);
            byte[] h = new byte[32];
            for (int v = from; v < to; v++) {
                int ti = treeIndex[v];
                boolean ok = ti >= n - 1 && ti < 2 * n - 1;
                if (ok) {
                    types.leafHash(values, v * width, sc, h, 0);
                    ok = Arrays.mismatch(h, 0, 32, tree, 32 * ti, 32 * ti + 32) < 0;
                }
                if (!ok) {
                    synchronized (badValue) {
                        badValue[0] = Math.min(badValue[0], v);
                    }
                    return;
                }
            }
        });
        if (badValue[0] != Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value " + badValue[0] + " does not match its leaf at tree index " + treeIndex[badValue[0]]);
        }
    }

    /** The {@code standard-v1} JSON dump, loadable by OpenZeppelin's {@code StandardMerkleTree.load}. */
    public String dump() {
        StringWriter out = new StringWriter(Math.max(64, n * (2 * 70 + 40 + 48 * width)));
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeArrayFieldStart("leafEncoding");
            for (String t : leafEncoding) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tree");
            char[] hex = new char[66];
            for (int i = 0; i < 2 * n - 1; i++) {
                Bytes.toHex(tree, 32 * i, 32, hex);
                g.writeString(hex, 0, 66);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("values");
            for (int i = 0; i < n; i++) {
                g.writeStartObject();
                g.writeArrayFieldStart("value");
                for (int j = 0; j < width; j++) {
                    Object x = values[i * width + j];
                    if (x instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        g.writeString(x.toString());
                    }
                }
                g.writeEndArray();
                g.writeNumberField("treeIndex", treeIndex[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public byte[] root() {
        return Arrays.copyOfRange(tree, 0, 32);
    }

    public String rootHex() {
        return Bytes.toHex(tree, 0, 32);
    }

    public int size() {
        return n;
    }

    public List<String> leafEncoding() {
        return leafEncoding;
    }

    /** The normalized values of leaf {@code index} (in insertion order). */
    public List<Object> value(int index) {
        Objects.checkIndex(index, n);
        return List.of(Arrays.copyOfRange(values, index * width, index * width + width));
    }

    public byte[] leafHash(int index) {
        int ti = treeIndex[index];
        return Arrays.copyOfRange(tree, 32 * ti, 32 * ti + 32);
    }

    /** The proof of leaf {@code index} (insertion order), bottom-up, as {@code MerkleProof.verify} takes it. */
    public List<byte[]> proof(int index) {
        return proofOf(tree, treeIndex[checkIndex(index)]);
    }

    public List<String> proofHex(int index) {
        return proofHexOf(tree, treeIndex[checkIndex(index)]);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("leaf index " + index + " out of 0.." + (n - 1));
        }
        return index;
    }

    /** The proof of node {@code node} of the node array {@code tree}: its siblings, bottom-up. */
    static List<byte[]> proofOf(byte[] tree, int node) {
        int[] siblings = siblings(node);
        byte[][] proof = new byte[siblings.length][];
        for (int k = 0; k < siblings.length; k++) {
            proof[k] = Arrays.copyOfRange(tree, 32 * siblings[k], 32 * siblings[k] + 32);
        }
        return Arrays.asList(proof);
    }

    /** As {@link #proofOf}, each node as lower-case 0x-hex. */
    static List<String> proofHexOf(byte[] tree, int node) {
        int[] siblings = siblings(node);
        String[] proof = new String[siblings.length];
        for (int k = 0; k < siblings.length; k++) {
            proof[k] = Bytes.toHex(tree, 32 * siblings[k], 32);
        }
        return List.of(proof);
    }

    /** The node indexes of the siblings on the path from {@code node} to the root, bottom-up. */
    private static int[] siblings(int node) {
        int[] out = new int[31 - Integer.numberOfLeadingZeros(node + 1)];
        for (int k = 0, i = node; i > 0; i = (i - 1) >> 1, k++) {
            out[k] = (i & 1) == 1 ? i + 1 : i - 1;
        }
        return out;
    }

    /** Index (insertion order) of the first leaf equal to {@code value}, or -1. */
    public int indexOf(List<?> value) {
        Types types = Types.of(leafEncoding);
        Object[] v = new Object[width];
        types.normalizeInto(value, -1, v, 0);
        for (int i = 0; i < n; i++) {
            if (Arrays.equals(values, i * width, i * width + width, v, 0, width)) {
                return i;
            }
        }
        return -1;
    }

    /** The standard leaf hash of {@code value} under {@code leafEncoding}. */
    public static byte[] leafHash(List<String> leafEncoding, List<?> value) {
        Types types = Types.of(leafEncoding);
        Object[] v = new Object[types.width()];
        types.normalizeInto(value, -1, v, 0);
        byte[] out = new byte[32];
        types.leafHash(v, 0, new Scratch(v.length), out, 0);
        return out;
    }

    /** Processes {@code proof} from {@code leaf} and compares with {@code root} (sorted pairs, as OpenZeppelin). */
    public static boolean verify(byte[] root, byte[] leaf, List<byte[]> proof) {
        byte[] h = leaf;
        byte[] acc = null; // 32-byte accumulator, hashed in place when every node is 32 bytes
        long[] s = null;
        for (byte[] p : proof) {
            if (h.length == 32 && p.length == 32) {
                if (acc == null) {
                    acc = new byte[32];
                    s = new long[25];
                }
                if (Arrays.compareUnsigned(h, p) <= 0) {
                    Keccak256.hash64(h, 0, p, 0, acc, 0, s);
                } else {
                    Keccak256.hash64(p, 0, h, 0, acc, 0, s);
                }
                h = acc;
            } else {
                h = hashPair(h, p);
            }
        }
        return Arrays.equals(h, root);
    }

    static byte[] hashPair(byte[] a, byte[] b) {
        if (a.length != 32 || b.length != 32) {
            byte[] buf = new byte[a.length + b.length];
            boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
            System.arraycopy(aFirst ? a : b, 0, buf, 0, (aFirst ? a : b).length);
            System.arraycopy(aFirst ? b : a, 0, buf, (aFirst ? a : b).length, (aFirst ? b : a).length);
            return Keccak256.hash(buf);
        }
        byte[] out = new byte[32];
        long[] s = new long[25];
        if (Arrays.compareUnsigned(a, b) <= 0) {
            Keccak256.hash64(a, 0, b, 0, out, 0, s);
        } else {
            Keccak256.hash64(b, 0, a, 0, out, 0, s);
        }
        return out;
    }

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over [0, n) in chunks, in parallel from {@link #PARALLEL_THRESHOLD}; the lowest chunk's error wins. */
    private static void forChunks(int n, Range body) {
        if (n < PARALLEL_THRESHOLD) {
            body.run(0, n);
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        RuntimeException[] errors = new RuntimeException[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            try {
                body.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK));
            } catch (RuntimeException e) {
                errors[c] = e;
            }
        });
        for (RuntimeException e : errors) {
            if (e != null) {
                throw e;
            }
        }
    }

    /** Per-thread scratch: the ABI encoding buffer and the Keccak state. */
    private static final class Scratch {
        final byte[] buf;
        final long[] s = new long[25];

        Scratch(int width) {
            buf = new byte[32 * width];
        }
    }

    /** The parsed leaf encoding: a kind and a size (bits or bytes) per column. */
    private record Types(List<String> names, int[] kind, int[] size) {
        static Types of(List<String> encoding) {
            int w = encoding.size();
            int[] kind = new int[w];
            int[] size = new int[w];
            for (int i = 0; i < w; i++) {
                String type = encoding.get(i);
                checkType(type);
                if (type.equals("address")) {
                    kind[i] = T_ADDRESS;
                    size[i] = 20;
                } else if (type.equals("bool")) {
                    kind[i] = T_BOOL;
                } else if (type.startsWith("bytes")) {
                    kind[i] = T_BYTES;
                    size[i] = Integer.parseInt(type.substring(5));
                } else if (type.startsWith("uint")) {
                    kind[i] = T_UINT;
                    size[i] = Integer.parseInt(type.substring(4));
                } else {
                    kind[i] = T_INT;
                    size[i] = Integer.parseInt(type.substring(3));
                }
            }
            return new Types(List.copyOf(encoding), kind, size);
        }

        int width() {
            return kind.length;
        }

        void normalizeInto(List<?> value, int index, Object[] out, int off) {
            int w = kind.length;
            if (value == null || value.size() != w) {
                throw new IllegalArgumentException("leaf " + index + " has " + (value == null ? 0 : value.size())
                        + " values, the encoding " + names + " needs " + w);
            }
            for (int i = 0; i < w; i++) {
                out[off + i] = normalizeOne(i, value.get(i), index);
            }
        }

        private Object normalizeOne(int col, Object v, int index) {
            String type = names.get(col);
            try {
                switch (kind[col]) {
                    case T_ADDRESS, T_BYTES -> {
                        String s = v.toString().toLowerCase(Locale.ROOT);
                        int len = size[col];
                        if (!isHex(s, len)) {
                            throw new IllegalArgumentException(kind[col] == T_ADDRESS ? "not an address" : "not " + len + " bytes of hex");
                        }
                        return s;
                    }
                    case T_BOOL -> {
                        if (v instanceof Boolean b) {
                            return b;
                        }
                        String s = v.toString();
                        if (!s.equals("true") && !s.equals("false")) {
                            throw new IllegalArgumentException("not a bool");
                        }
                        return Boolean.valueOf(s);
                    }
                    default -> {
                        BigInteger x = v instanceof BigInteger b ? b
                                : v instanceof Number num ? BigInteger.valueOf(num.longValue())
                                : v.toString().startsWith("0x") ? parseHexInt(v.toString()) : new BigInteger(v.toString());
                        int bits = size[col];
                        boolean ok = kind[col] == T_UINT ? x.signum() >= 0 && x.bitLength() <= bits : x.bitLength() <= bits - 1;
                        if (!ok) {
                            throw new IllegalArgumentException("out of range for " + type);
                        }
                        return x;
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("leaf " + index + ": value '" + v + "' is not a valid " + type
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
            }
        }

        /** keccak256(keccak256(abi.encode(values[off..off+w)))) into {@code out[outOff]}. */
        void leafHash(Object[] values, int off, Scratch sc, byte[] out, int outOff) {
            byte[] buf = sc.buf;
            encode(values, off, buf, 0);
            Keccak256.absorb(buf, 0, buf.length, sc.s);
            Keccak256.rehash32(sc.s);
            Keccak256.squeeze(sc.s, out, outOff);
        }

        /** abi.encode of one normalized leaf into {@code buf[bufOff, bufOff + 32 * width)}. */
        void encode(Object[] values, int off, byte[] buf, int bufOff) {
            Arrays.fill(buf, bufOff, bufOff + 32 * kind.length, (byte) 0);
            for (int i = 0; i < kind.length; i++) {
                encodeWord(i, values[off + i], buf, bufOff + 32 * i);
            }
        }

        private void encodeWord(int col, Object v, byte[] out, int off) {
            switch (kind[col]) {
                case T_ADDRESS -> Bytes.parseHex((String) v, out, off + 12, 20); // right-aligned
                case T_BYTES -> Bytes.parseHex((String) v, out, off, size[col]); // left-aligned
                case T_BOOL -> out[off + 31] = (byte) (((Boolean) v) ? 1 : 0);
                default -> {
                    BigInteger x = (BigInteger) v;
                    if (x.bitLength() < 64) {
                        long l = x.longValue();
                        if (l < 0) {
                            Arrays.fill(out, off, off + 24, (byte) 0xFF);
                        }
                        Bytes.putBeLong(out, off + 24, l);
                    } else {
                        byte[] b = x.toByteArray(); // two's complement, big-endian, at most 33 bytes here
                        byte pad = (byte) (x.signum() < 0 ? 0xFF : 0);
                        int len = Math.min(b.length, 32);
                        Arrays.fill(out, off, off + 32 - len, pad);
                        System.arraycopy(b, b.length - len, out, off + 32 - len, len);
                    }
                }
            }
        }

        private static BigInteger parseHexInt(String s) {
            String digits = s.substring(2);
            return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
        }

        /** "0x" + exactly 2*bytes lowercase hex digits ({@code s} is already lowercased). */
        private static boolean isHex(String s, int bytes) {
            if (s.length() != 2 + 2 * bytes || s.charAt(0) != '0' || s.charAt(1) != 'x') {
                return false;
            }
            for (int i = 2; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!io.cipherocto.platform.kernel.Hex.isAsciiHexDigit(c) || c >= 'A' && c <= 'F') {
                    return false;
                }
            }
            return true;
        }
    }

    private static void checkType(String type) {
        boolean ok = type.equals("address") || type.equals("bool")
                || type.matches("bytes([1-9]|[12][0-9]|3[0-2])")
                || type.matches("u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)");
        if (!ok) {
            throw new IllegalArgumentException("unsupported leaf type '" + type
                    + "': use static ABI types (address, bool, bytesN, uintN, intN)");
        }
    }

    /** Hex and big-endian helpers. */
    static final class Bytes {
        private Bytes() {
        }

        static long beLong(byte[] b, int off) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[off + i] & 0xFFL);
            }
            return v;
        }

        static void putBeLong(byte[] b, int off, long v) {
            for (int i = 7; i >= 0; i--) {
                b[off + i] = (byte) v;
                v >>>= 8;
            }
        }

        static String toHex(byte[] b, int off, int len) {
            return io.cipherocto.platform.kernel.Hex.encode(b, off, len);
        }

        static void toHex(byte[] b, int off, int len, char[] c) {
            io.cipherocto.platform.kernel.Hex.encodeInto(b, off, len, c);
        }

        /** Parses "0x" + exactly 2*len hex digits (either case) into {@code out[off..off+len)}; false if malformed. */
        static boolean parseHex(String s, byte[] out, int off, int len) {
            return io.cipherocto.platform.kernel.Hex.decodeInto(s, out, off, len);
        }
    }
}
