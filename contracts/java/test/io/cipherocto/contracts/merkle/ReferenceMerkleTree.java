package io.cipherocto.contracts.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Test-only reference: the original straightforward implementation (web3j Hash.sha3, boxed sort, byte[][] tree), kept to
 * check the optimized StandardMerkleTree against. */
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
 */
final class ReferenceMerkleTree {
    public static final String FORMAT = "standard-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> leafEncoding;
    private final List<List<Object>> values;
    private final int[] treeIndex;
    private final byte[][] tree;

    private ReferenceMerkleTree(List<String> leafEncoding, List<List<Object>> values, int[] treeIndex, byte[][] tree) {
        this.leafEncoding = List.copyOf(leafEncoding);
        this.values = values;
        this.treeIndex = treeIndex;
        this.tree = tree;
    }

    /** Builds a tree with sorted leaves (OpenZeppelin's default). */
    static ReferenceMerkleTree of(List<? extends List<?>> values, List<String> leafEncoding) {
        return of(values, leafEncoding, true);
    }

    static ReferenceMerkleTree of(List<? extends List<?>> values, List<String> leafEncoding, boolean sortLeaves) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(leafEncoding, "leafEncoding");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        leafEncoding.forEach(ReferenceMerkleTree::checkType);
        int n = values.size();
        List<List<Object>> normalized = new ArrayList<>(n);
        byte[][] hashes = new byte[n][];
        for (int i = 0; i < n; i++) {
            List<Object> v = normalize(leafEncoding, values.get(i), i);
            normalized.add(v);
            hashes[i] = leafHashNormalized(leafEncoding, v);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (sortLeaves) {
            Arrays.sort(order, Comparator.comparing((Integer i) -> hashes[i], Arrays::compareUnsigned));
        }
        byte[][] tree = new byte[2 * n - 1][];
        int[] treeIndex = new int[n];
        for (int leafPos = 0; leafPos < n; leafPos++) {
            int valueIndex = order[leafPos];
            int ti = tree.length - 1 - leafPos;
            tree[ti] = hashes[valueIndex];
            treeIndex[valueIndex] = ti;
        }
        for (int i = tree.length - 1 - n; i >= 0; i--) {
            tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        }
        return new ReferenceMerkleTree(leafEncoding, normalized, treeIndex, tree);
    }

    /** Loads a {@code standard-v1} dump (as written by OpenZeppelin's {@code tree.dump()} or {@link #dump()}) and checks it. */
    static ReferenceMerkleTree load(String json) {
        try {
            return load(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON Merkle tree dump: " + e.getMessage(), e);
        }
    }

    static ReferenceMerkleTree load(JsonNode dump) {
        if (!FORMAT.equals(dump.path("format").asText())) {
            throw new IllegalArgumentException("unknown Merkle tree format '" + dump.path("format").asText() + "' (expected " + FORMAT + ")");
        }
        List<String> encoding = new ArrayList<>();
        dump.path("leafEncoding").forEach(t -> encoding.add(t.asText()));
        encoding.forEach(ReferenceMerkleTree::checkType);
        JsonNode treeNode = dump.path("tree");
        byte[][] tree = new byte[treeNode.size()][];
        for (int i = 0; i < tree.length; i++) {
            tree[i] = Numeric.hexStringToByteArray(treeNode.get(i).asText());
        }
        JsonNode valuesNode = dump.path("values");
        List<List<Object>> values = new ArrayList<>();
        int[] treeIndex = new int[valuesNode.size()];
        for (int i = 0; i < valuesNode.size(); i++) {
            JsonNode entry = valuesNode.get(i);
            List<Object> raw = new ArrayList<>();
            entry.path("value").forEach(x -> raw.add(x.isBoolean() ? (Object) x.asBoolean() : x.asText()));
            values.add(normalize(encoding, raw, i));
            treeIndex[i] = entry.path("treeIndex").asInt(-1);
        }
        ReferenceMerkleTree t = new ReferenceMerkleTree(encoding, values, treeIndex, tree);
        t.validate();
        return t;
    }

    /** Checks that every node is the hash of its children and every value's leaf sits where the dump says. */
    public void validate() {
        int n = values.size();
        if (n == 0 || tree.length != 2 * n - 1) {
            throw new IllegalArgumentException("tree has " + tree.length + " nodes for " + n + " values");
        }
        for (int i = 0; i < tree.length; i++) {
            if (tree[i].length != 32) {
                throw new IllegalArgumentException("node " + i + " is not 32 bytes");
            }
            int left = 2 * i + 1;
            if (left < tree.length && !Arrays.equals(tree[i], hashPair(tree[left], tree[left + 1]))) {
                throw new IllegalArgumentException("node " + i + " is not the hash of its children");
            }
        }
        for (int v = 0; v < n; v++) {
            int ti = treeIndex[v];
            if (ti < n - 1 || ti >= tree.length || !Arrays.equals(tree[ti], leafHashNormalized(leafEncoding, values.get(v)))) {
                throw new IllegalArgumentException("value " + v + " does not match its leaf at tree index " + ti);
            }
        }
    }

    /** The {@code standard-v1} JSON dump, loadable by OpenZeppelin's {@code StandardMerkleTree.load}. */
    public String dump() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode enc = root.putArray("leafEncoding");
        leafEncoding.forEach(enc::add);
        ArrayNode t = root.putArray("tree");
        for (byte[] node : tree) {
            t.add(Numeric.toHexString(node));
        }
        ArrayNode vals = root.putArray("values");
        for (int i = 0; i < values.size(); i++) {
            ObjectNode e = vals.addObject();
            ArrayNode v = e.putArray("value");
            for (Object x : values.get(i)) {
                if (x instanceof Boolean b) {
                    v.add(b);
                } else {
                    v.add(x.toString());
                }
            }
            e.put("treeIndex", treeIndex[i]);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] root() {
        return tree[0].clone();
    }

    public String rootHex() {
        return Numeric.toHexString(tree[0]);
    }

    public int size() {
        return values.size();
    }

    public List<String> leafEncoding() {
        return leafEncoding;
    }

    /** The normalized values of leaf {@code index} (in insertion order). */
    public List<Object> value(int index) {
        return List.copyOf(values.get(index));
    }

    public byte[] leafHash(int index) {
        return tree[treeIndex[index]].clone();
    }

    /** The proof of leaf {@code index} (insertion order), bottom-up, as {@code MerkleProof.verify} takes it. */
    public List<byte[]> proof(int index) {
        if (index < 0 || index >= values.size()) {
            throw new IndexOutOfBoundsException("leaf index " + index + " out of 0.." + (values.size() - 1));
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = treeIndex[index]; i > 0; i = (i - 1) / 2) {
            int sibling = (i % 2 == 1) ? i + 1 : i - 1;
            proof.add(tree[sibling].clone());
        }
        return proof;
    }

    public List<String> proofHex(int index) {
        return proof(index).stream().map(Numeric::toHexString).toList();
    }

    /** Index (insertion order) of the first leaf equal to {@code value}, or -1. */
    public int indexOf(List<?> value) {
        List<Object> v = normalize(leafEncoding, value, -1);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals(v)) {
                return i;
            }
        }
        return -1;
    }

    /** The standard leaf hash of {@code value} under {@code leafEncoding}. */
    public static byte[] leafHash(List<String> leafEncoding, List<?> value) {
        leafEncoding.forEach(ReferenceMerkleTree::checkType);
        return leafHashNormalized(leafEncoding, normalize(leafEncoding, value, -1));
    }

    /** Processes {@code proof} from {@code leaf} and compares with {@code root} (sorted pairs, as OpenZeppelin). */
    public static boolean verify(byte[] root, byte[] leaf, List<byte[]> proof) {
        byte[] h = leaf;
        for (byte[] p : proof) {
            h = hashPair(h, p);
        }
        return Arrays.equals(h, root);
    }

    static byte[] hashPair(byte[] a, byte[] b) {
        byte[] buf = new byte[64];
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        System.arraycopy(aFirst ? a : b, 0, buf, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, buf, 32, 32);
        return Hash.sha3(buf);
    }

    private static byte[] leafHashNormalized(List<String> types, List<Object> value) {
        byte[] encoded = new byte[32 * types.size()];
        for (int i = 0; i < types.size(); i++) {
            encodeWord(types.get(i), value.get(i), encoded, 32 * i);
        }
        return Hash.sha3(Hash.sha3(encoded));
    }

    private static void encodeWord(String type, Object v, byte[] out, int off) {
        if (type.equals("address") || type.startsWith("bytes")) {
            byte[] b = Numeric.hexStringToByteArray((String) v);
            int dst = type.equals("address") ? off + 32 - b.length : off; // address right-aligned, bytesN left-aligned
            System.arraycopy(b, 0, out, dst, b.length);
        } else if (type.equals("bool")) {
            out[off + 31] = (byte) (((Boolean) v) ? 1 : 0);
        } else {
            BigInteger x = (BigInteger) v;
            byte[] b = x.signum() < 0 ? twosComplement(x) : Numeric.toBytesPadded(x, 32);
            System.arraycopy(b, 0, out, off, 32);
        }
    }

    private static byte[] twosComplement(BigInteger negative) {
        return Numeric.toBytesPadded(BigInteger.ONE.shiftLeft(256).add(negative), 32);
    }

    private static List<Object> normalize(List<String> types, List<?> value, int index) {
        if (value == null || value.size() != types.size()) {
            throw new IllegalArgumentException("leaf " + index + " has " + (value == null ? 0 : value.size())
                    + " values, the encoding " + types + " needs " + types.size());
        }
        List<Object> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            out.add(normalizeOne(types.get(i), value.get(i), index));
        }
        return out;
    }

    private static Object normalizeOne(String type, Object v, int index) {
        try {
            if (type.equals("address")) {
                String s = v.toString().toLowerCase(Locale.ROOT);
                if (!s.matches("0x[0-9a-f]{40}")) {
                    throw new IllegalArgumentException("not an address");
                }
                return s;
            }
            if (type.equals("bool")) {
                if (v instanceof Boolean b) {
                    return b;
                }
                String s = v.toString();
                if (!s.equals("true") && !s.equals("false")) {
                    throw new IllegalArgumentException("not a bool");
                }
                return Boolean.valueOf(s);
            }
            if (type.startsWith("bytes")) {
                int len = Integer.parseInt(type.substring(5));
                String s = v.toString().toLowerCase(Locale.ROOT);
                if (!s.matches("0x[0-9a-f]{" + (2 * len) + "}")) {
                    throw new IllegalArgumentException("not " + len + " bytes of hex");
                }
                return s;
            }
            BigInteger x = v instanceof BigInteger b ? b
                    : v instanceof Number n ? BigInteger.valueOf(n.longValue())
                    : v.toString().startsWith("0x") ? Numeric.toBigInt(v.toString()) : new BigInteger(v.toString());
            int bits = Integer.parseInt(type.substring(type.startsWith("uint") ? 4 : 3));
            boolean signed = type.startsWith("int");
            BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1) : BigInteger.ONE.shiftLeft(bits);
            BigInteger min = signed ? max.negate() : BigInteger.ZERO;
            if (x.compareTo(min) < 0 || x.compareTo(max) >= 0) {
                throw new IllegalArgumentException("out of range for " + type);
            }
            return x;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("leaf " + index + ": value '" + v + "' is not a valid " + type
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
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
}
