package io.cipherocto.platform.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;

/** Pure-Java recovery (web3j {@code Sign.recoverFromSignature}, BouncyCastle arithmetic): no native code needed. */
public final class JavaSignatureRecovery implements SignatureRecovery {

    @Override
    public Optional<String> recoverAddress(byte[] digest32, byte[] sig65) {
        Secp256k1Rules.requireDigest(digest32);
        OptionalInt recId = Secp256k1Rules.recoveryId(sig65);
        if (recId.isEmpty()) {
            return Optional.empty();
        }
        ECDSASignature sig = new ECDSASignature(new BigInteger(1, Arrays.copyOfRange(sig65, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(sig65, 32, 64)));
        try {
            BigInteger pub = Sign.recoverFromSignature(recId.getAsInt(), sig, digest32);
            if (pub == null) {
                return Optional.empty();
            }
            byte[] raw = pub.toByteArray();
            byte[] pub64 = new byte[64];
            int copy = Math.min(64, raw.length);
            System.arraycopy(raw, raw.length - copy, pub64, 64 - copy, copy);
            return Optional.of(Secp256k1Rules.address(pub64, 0));
        } catch (RuntimeException e) { // point not on the curve, etc.
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return "java";
    }
}
