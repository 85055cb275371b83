package io.cipherocto.settlement.bundle;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes each epoch's public bundle to {@code octo.settlement.bundle-dir}, as {@code epoch-<n>-<hash>.json}: the
 * canonical bytes whose keccak256 is committed on chain, ready to be published anywhere (a web server, IPFS). The
 * database copy is authoritative; a failed write is logged and repeated when the epoch is published.
 */
public final class BundleFiles {
    private static final Logger LOG = Logger.getLogger(BundleFiles.class);

    private final Optional<Path> dir;

    public BundleFiles(Optional<Path> dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public static BundleFiles none() {
        return new BundleFiles(Optional.empty());
    }

    /** The file of an epoch's bundle in {@code dir}. */
    public static Path file(Path dir, long epoch, String hash) {
        return dir.resolve("epoch-" + epoch + "-" + hash + ".json");
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
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warnf("epoch %d: bundle not written to %s: %s (it is served by GET /api/v1/epochs/%d/bundle)", epoch,
                    target, e.getMessage(), epoch);
        }
    }
}
