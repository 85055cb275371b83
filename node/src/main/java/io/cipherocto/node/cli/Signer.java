package io.cipherocto.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * The key the verbs sign with: a keystore file ({@code --keystore FILE}, password from {@value #PASSWORD_ENV}), else
 * the hex private key in {@value #KEY_ENV}. Keys are never taken from the command line itself (shell history, ps).
 */
final class Signer {
    static final String KEY_ENV = "OCTO_PRIVATE_KEY";
    static final String PASSWORD_ENV = "OCTO_KEYSTORE_PASSWORD";

    private Signer() {
    }

    static Credentials load(Optional<String> keystore, Map<String, String> env) {
        if (keystore.isPresent()) {
            Path file = Path.of(keystore.get());
            if (!Files.isRegularFile(file)) {
                throw new Args.UsageException("--keystore: no such file " + file);
            }
            String password = Optional.ofNullable(env.get(PASSWORD_ENV)).orElseThrow(() -> new Args.UsageException(
                    "--keystore needs its password in the environment variable " + PASSWORD_ENV));
            try {
                return WalletUtils.loadCredentials(password, file.toFile());
            } catch (CipherException e) {
                throw new Args.UsageException("cannot decrypt " + file + " (wrong " + PASSWORD_ENV + "?): " + e.getMessage());
            } catch (IOException e) {
                throw new Args.UsageException("cannot read the keystore " + file + ": " + e.getMessage());
            }
        }
        String key = Optional.ofNullable(env.get(KEY_ENV)).map(String::trim).filter(k -> !k.isEmpty())
                .orElseThrow(() -> new Args.UsageException("no key: set " + KEY_ENV + " (hex private key) or pass "
                        + "--keystore FILE with its password in " + PASSWORD_ENV));
        String hex = key.startsWith("0x") ? key.substring(2) : key;
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new Args.UsageException(KEY_ENV + " is not a 32-byte hex private key");
        }
        return Credentials.create(hex);
    }
}
