package io.cipherocto.governance.bench;

import io.cipherocto.platform.crypto.JavaSignatureRecovery;
import io.cipherocto.platform.crypto.NativeSignatureRecovery;
import io.cipherocto.platform.crypto.SignatureRecovery;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * JMH: ECDSA public-key recovery + address of one 65-byte signature, pure Java (web3j/BouncyCastle) vs libsecp256k1
 * (JNI). Run with governance/tools/bench-recovery.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureRecoveryBenchmark {
    private static final int SIGNATURES = 256;

    @Param({"java", "libsecp256k1"})
    public String impl;

    private SignatureRecovery recovery;
    private byte[][] digests;
    private byte[][] signatures;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        recovery = "java".equals(impl) ? new JavaSignatureRecovery() : NativeSignatureRecovery.load().orElseThrow();
        Random random = new Random(1);
        digests = new byte[SIGNATURES][32];
        signatures = new byte[SIGNATURES][];
        for (int i = 0; i < SIGNATURES; i++) {
            ECKeyPair key = Keys.createEcKeyPair();
            random.nextBytes(digests[i]);
            Sign.SignatureData s = Sign.signMessage(digests[i], key, false);
            byte[] sig = new byte[65];
            System.arraycopy(s.getR(), 0, sig, 0, 32);
            System.arraycopy(s.getS(), 0, sig, 32, 32);
            sig[64] = s.getV()[0];
            signatures[i] = sig;
        }
    }

    @Benchmark
    public Object recover() {
        int i = next++ & (SIGNATURES - 1);
        return recovery.recoverAddress(digests[i], signatures[i]).orElseThrow();
    }
}
