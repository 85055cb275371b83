package io.cipherocto.contracts.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the repository root (the folder holding {@code contracts/package.json}), where the pinned npm toolchain
 * (anvil, forge) lives. Order: system property {@code octo.home}, environment variable {@code OCTO_HOME}, then the
 * working directory and its parents.
 */
public final class OctoHome {
    private OctoHome() {
    }

    public static Optional<Path> find() {
        for (String candidate : new String[] {System.getProperty("octo.home"), System.getenv("OCTO_HOME")}) {
            if (candidate != null && !candidate.isBlank() && isHome(Path.of(candidate))) {
                return Optional.of(Path.of(candidate).toAbsolutePath().normalize());
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (isHome(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException(
                "cannot find the CipherOcto repository root (contracts/package.json): set OCTO_HOME or -Docto.home"));
    }

    private static boolean isHome(Path p) {
        return Files.isRegularFile(p.resolve("contracts").resolve("package.json"));
    }
}
