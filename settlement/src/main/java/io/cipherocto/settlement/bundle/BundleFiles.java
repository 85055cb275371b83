package io.cipherocto.settlement.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes each epoch's public bundle to {@code octo.settlement.bundle-dir}, as {@code epoch-<n>-<hash>.json}: the
 * canonical bytes whose keccak256 is committed on chain, ready to be published anywhere (a web server, IPFS).
 *
 * <p>A bundle is first written whole to a staging file ({@link #stage}), streamed, so that no epoch's bundle needs to
 * fit in memory. One of at most {@link #maxDatabaseBytes()} bytes is also stored in the database with the epoch's
 * result and is authoritative there (a failed file write is logged and repeated when the epoch is published). A larger
 * one (an epoch of millions of receipts: about 700 bytes each) is kept only as its file, which is synced and in place
 * before the result that names its hash is stored; that needs a bundle directory.
 */
public final class BundleFiles {
    /** Largest bundle stored in the database as well: 256 MiB (PostgreSQL's bytea stops at 1 GB). */
    public static final long DEFAULT_MAX_DATABASE_BYTES = 256L << 20;

    private static final Logger LOG = Logger.getLogger(BundleFiles.class);

    private final Optional<Path> dir;
    private final long maxDatabaseBytes;

    public BundleFiles(Optional<Path> dir) {
        this(dir, DEFAULT_MAX_DATABASE_BYTES);
    }

    public BundleFiles(Optional<Path> dir, long maxDatabaseBytes) {
        this.dir = Objects.requireNonNull(dir, "dir");
        if (maxDatabaseBytes < 0) {
            throw new IllegalArgumentException("bundle-db-max-bytes must be >= 0");
        }
        this.maxDatabaseBytes = maxDatabaseBytes;
    }

    public static BundleFiles none() {
        return new BundleFiles(Optional.empty());
    }

    /** The file of an epoch's bundle in {@code dir}. */
    public static Path file(Path dir, long epoch, String hash) {
        return dir.resolve("epoch-" + epoch + "-" + hash + ".json");
    }

    public Optional<Path> dir() {
        return dir;
    }

    public long maxDatabaseBytes() {
        return maxDatabaseBytes;
    }

    /** A bundle written to its staging file: the file, its keccak256 and size. */
    public record Staged(long epoch, Path file, String hash, long size) {
    }

    /** Writes a bundle's bytes to a staging file (in the bundle directory, else the system's temporary directory). */
    public interface BundleWrite {
        BundleWriter.Written writeTo(OutputStream out) throws IOException;
    }

    public Staged stage(long epoch, BundleWrite write) {
        Path tmp = null;
        try {
            if (dir.isPresent()) {
                Files.createDirectories(dir.get());
                tmp = Files.createTempFile(dir.get(), ".epoch-" + epoch, ".tmp");
            } else {
                tmp = Files.createTempFile("octo-epoch-" + epoch, ".bundle.tmp");
            }
            BundleWriter.Written w;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                w = write.writeTo(out);
            }
            return new Staged(epoch, tmp, w.hash(), w.size());
        } catch (IOException | RuntimeException e) {
            delete(tmp);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Whether a staged bundle is also stored in the database (at most {@link #maxDatabaseBytes()}). */
    public boolean fitsDatabase(Staged s) {
        return s.size() <= maxDatabaseBytes;
    }

    /** The bytes of a staged bundle that {@link #fitsDatabase fits the database}. */
    public byte[] read(Staged s) {
        if (!fitsDatabase(s)) {
            throw new IllegalArgumentException("bundle of " + s.size() + " bytes is above " + maxDatabaseBytes);
        }
        try {
            return Files.readAllBytes(s.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts a staged bundle in place as {@code epoch-<n>-<hash>.json} in the bundle directory (synced, then renamed), or
     * deletes the staging file where there is no directory and the database keeps the bundle. A bundle the database
     * does not keep needs the directory: IllegalStateException without one, before anything is stored.
     */
    public void keep(Staged s) {
        if (dir.isEmpty()) {
            delete(s.file());
            if (!fitsDatabase(s)) {
                throw new IllegalStateException("epoch " + s.epoch() + ": its bundle is " + s.size() + " bytes, above "
                        + "octo.settlement.bundle-db-max-bytes (" + maxDatabaseBytes + "): set octo.settlement.bundle-dir "
                        + "to keep it as a file");
            }
            return;
        }
        Path target = file(dir.get(), s.epoch(), s.hash());
        try {
            if (Files.exists(target)) {
                delete(s.file());
                return;
            }
            try (FileChannel ch = FileChannel.open(s.file(), StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(s.file(), target);
        } catch (IOException e) {
            delete(s.file());
            if (!fitsDatabase(s)) {
                throw new UncheckedIOException("epoch " + s.epoch() + ": bundle not kept at " + target, e);
            }
            LOG.warnf("epoch %d: bundle not written to %s: %s (it is served by GET /api/v1/epochs/%d/bundle)", s.epoch(),
                    target, e.getMessage(), s.epoch());
        }
    }

    /** Deletes a staged bundle's file (its result was not stored). */
    public void discard(Staged s) {
        delete(s.file());
    }

    /** The file of an epoch's bundle with this hash in the bundle directory, when it is there. */
    public Optional<Path> find(long epoch, String hash) {
        return dir.map(d -> file(d, epoch, hash)).filter(Files::isRegularFile);
    }

    /** Writes the bundle unless its file is there already (written whole: a temporary file, then a rename). */
    public void write(long epoch, String hash, byte[] bytes) {
        if (dir.isEmpty()) {
            return;
        }
        Path target = file(dir.get(), epoch, hash);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(dir.get());
            Path tmp = Files.createTempFile(dir.get(), ".epoch-" + epoch, ".tmp");
            Files.write(tmp, bytes);
            move(tmp, target);
        } catch (IOException e) {
            LOG.warnf("epoch %d: bundle not written to %s: %s (it is served by GET /api/v1/epochs/%d/bundle)", epoch,
                    target, e.getMessage(), epoch);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover staging file (.tmp) is harmless
            }
        }
    }
}
