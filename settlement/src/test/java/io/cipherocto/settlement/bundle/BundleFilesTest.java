package io.cipherocto.settlement.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging and keeping epoch bundles: in the database up to a size, above it only as a synced file. */
class BundleFilesTest {
    private static final byte[] BYTES = "{\"format\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    private static BundleFiles.Staged stage(BundleFiles files, long epoch) {
        return files.stage(epoch, out -> {
            out.write(BYTES);
            return new BundleWriter.Written(EpochBundle.hash(BYTES), BYTES.length);
        });
    }

    @Test
    void aStagedBundleWithinTheLimit_isReadForTheDatabase_andKeptAsItsFile(@TempDir Path dir) throws Exception {
        BundleFiles files = new BundleFiles(Optional.of(dir), BYTES.length);
        BundleFiles.Staged s = stage(files, 7);
        assertThat(files.fitsDatabase(s)).isTrue();
        assertThat(files.read(s)).isEqualTo(BYTES);
        files.keep(s);
        Path kept = BundleFiles.file(dir, 7, EpochBundle.hash(BYTES));
        assertThat(Files.readAllBytes(kept)).isEqualTo(BYTES);
        assertThat(files.find(7, EpochBundle.hash(BYTES))).contains(kept);
        assertThat(Files.exists(s.file())).isFalse();
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(kept);
        }
    }

    @Test
    void aBundleAboveTheLimit_isKeptOnlyAsItsFile(@TempDir Path dir) throws Exception {
        BundleFiles files = new BundleFiles(Optional.of(dir), BYTES.length - 1);
        BundleFiles.Staged s = stage(files, 8);
        assertThat(files.fitsDatabase(s)).isFalse();
        assertThatThrownBy(() -> files.read(s)).isInstanceOf(IllegalArgumentException.class);
        files.keep(s);
        assertThat(files.find(8, s.hash()).map(p -> {
            try {
                return Files.readAllBytes(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).contains(BYTES);
    }

    @Test
    void aBundleAboveTheLimit_withoutABundleDirectory_isRefusedBeforeAnythingIsStored() {
        BundleFiles files = new BundleFiles(Optional.empty(), 1);
        BundleFiles.Staged s = stage(files, 9);
        assertThatThrownBy(() -> files.keep(s)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("octo.settlement.bundle-dir");
        assertThat(Files.exists(s.file())).as("staging file removed").isFalse();
    }

    @Test
    void aWriteThatFails_leavesNoStagingFile(@TempDir Path dir) throws Exception {
        BundleFiles files = new BundleFiles(Optional.of(dir));
        assertThatThrownBy(() -> files.stage(10, out -> {
            out.write(BYTES);
            throw new IllegalStateException("database gone");
        })).hasMessage("database gone");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
