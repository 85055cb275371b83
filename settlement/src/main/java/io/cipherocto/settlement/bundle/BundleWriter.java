package io.cipherocto.settlement.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes an epoch's bundle in its canonical form ({@link EpochBundle#toBytes()}, byte for byte) to a stream, with the
 * receipts and envelopes read in batches as it writes: memory holds one batch, not the epoch. The keccak256 and the
 * size are computed as the bytes go out.
 *
 * <p>How: the bundle without receipts and envelopes (both lists empty) is serialised canonically; the two empty
 * arrays' positions are found with a JSON parser (top level only), and each item is written there with the same
 * canonical mapper, comma-separated. A nested record serialises the same alone as inside its parent, so the result
 * equals serialising the whole bundle at once.
 */
public final class BundleWriter {
    private static final JsonFactory JSON = new JsonFactory();

    /** Items read in batches (for example through a database cursor), in the order the bundle lists them. */
    @FunctionalInterface
    public interface Source<T> {
        void scan(Consumer<List<T>> batch);

        static <T> Source<T> of(List<T> items) {
            return each -> each.accept(items);
        }
    }

    /** What was written: keccak256 of the bytes (0x-hex) and their count. */
    public record Written(String hash, long size) {
    }

    private BundleWriter() {
    }

    /**
     * Writes {@code head} (its receipts and envelopes must be empty) with the envelopes and receipts of the sources in
     * place of the empty lists. The stream is flushed, not closed.
     */
    public static Written write(EpochBundle head, Source<EpochBundle.Envelope> envelopes, Source<EpochBundle.Receipt> receipts,
            OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (!head.receipts().isEmpty() || !head.envelopes().isEmpty()) {
            throw new IllegalArgumentException("the head of a streamed bundle carries no receipts and no envelopes");
        }
        byte[] skeleton = head.toBytes();
        int envelopesAt = emptyArray(skeleton, "envelopes");
        int receiptsAt = emptyArray(skeleton, "receipts");
        if (envelopesAt > receiptsAt) {
            throw new IllegalStateException("canonical order puts envelopes before receipts");
        }
        var keccak = new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
        Counting counting = new Counting(new DigestOutputStream(out, keccak));
        counting.write(skeleton, 0, envelopesAt);
        items(envelopes, counting);
        counting.write(skeleton, envelopesAt, receiptsAt - envelopesAt);
        items(receipts, counting);
        counting.write(skeleton, receiptsAt, skeleton.length - receiptsAt);
        counting.flush();
        return new Written(Hex.encode(keccak.digest()), counting.count);
    }

    /** The whole bundle in memory, through the streamed path (for small epochs and tests). */
    public static byte[] toBytes(EpochBundle bundle) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(head(bundle), Source.of(bundle.envelopes()), Source.of(bundle.receipts()), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The bundle without its receipts and envelopes. */
    public static EpochBundle head(EpochBundle b) {
        return new EpochBundle(b.format(), b.chainId(), b.contracts(), b.epoch(), b.closingBlock(), b.commitment(), b.seed(),
                b.samplingRateWad(), b.unattestedPolicy(), b.parameters(), List.of(), List.of(), b.funded(), b.forfeited(),
                b.verdicts(), b.history(), b.previous(), b.result());
    }

    private static <T> void items(Source<T> source, OutputStream out) {
        boolean[] first = {true};
        source.scan(batch -> {
            try {
                for (T item : batch) {
                    if (!first[0]) {
                        out.write(',');
                    }
                    first[0] = false;
                    out.write(EpochBundle.canonical(item));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The offset just after the '[' of the top-level field {@code name}'s empty array. */
    static int emptyArray(byte[] json, String name) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && depth == 1 && name.equals(p.currentName())) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new IllegalStateException(name + " is not an array");
                    }
                    int at = (int) p.currentTokenLocation().getByteOffset() + 1;
                    if (p.nextToken() != JsonToken.END_ARRAY) {
                        throw new IllegalStateException(name + " is not empty");
                    }
                    return at;
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
        throw new IllegalStateException("no top-level field " + name);
    }

    /** Counts the bytes written through it. */
    private static final class Counting extends java.io.FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
