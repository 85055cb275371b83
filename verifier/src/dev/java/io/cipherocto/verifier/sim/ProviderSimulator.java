package io.cipherocto.verifier.sim;

import io.cipherocto.gpuverifier.input.SplitMix64;
import io.cipherocto.gpuverifier.kernel.Execution;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.gpuverifier.kernel.OutputCodec;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.KernelParams;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.verifier.reexec.Job;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * Simulated providers producing small jobs (spec + claimed output hash), deterministic by seed. An honest provider
 * claims the hash of the true output; a cheating one, for a configurable share of its jobs, claims the hash of a
 * wrong output (the true output with one byte altered, as a lazy or faulty provider would).
 */
public final class ProviderSimulator {
    /**
     * @param cheatPerMille share of the provider's jobs with a wrong output, in thousandths (0 honest, 1000 always)
     */
    public record Provider(String address, int role, int cheatPerMille) {
        public Provider {
            Objects.requireNonNull(address, "address");
            if (!Address.isValid(address)) {
                throw new IllegalArgumentException("not an address: " + address);
            }
            if (role < 0 || role > 255) {
                throw new IllegalArgumentException("role is a uint8, got " + role);
            }
            if (cheatPerMille < 0 || cheatPerMille > 1000) {
                throw new IllegalArgumentException("cheatPerMille must be in 0..1000, got " + cheatPerMille);
            }
        }
    }

    /** A produced job and whether its claim is wrong (ground truth for tests). */
    public record SimulatedJob(Job job, boolean cheated) {
    }

    private final byte[] seed;
    private final List<Provider> providers;
    private final JobExecutor executor;

    public ProviderSimulator(byte[] seed, List<Provider> providers, JobExecutor executor) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != 32) {
            throw new IllegalArgumentException("seed must be 32 bytes");
        }
        Objects.requireNonNull(providers, "providers");
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("no providers");
        }
        this.seed = seed.clone();
        this.providers = List.copyOf(providers);
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** {@code count} jobs of {@code epoch}, providers in round robin; the same arguments always give the same jobs. */
    public List<SimulatedJob> jobs(long epoch, int count) {
        if (epoch < 0 || count < 0) {
            throw new IllegalArgumentException("epoch and count must be >= 0");
        }
        List<SimulatedJob> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(job(epoch, i));
        }
        return out;
    }

    /** Job {@code index} of {@code epoch}. */
    public SimulatedJob job(long epoch, int index) {
        Provider p = providers.get(Math.floorMod(index, providers.size()));
        byte[] base = derive(epoch, index);
        SplitMix64 r = new SplitMix64(ByteBuffer.wrap(base).getLong());
        KernelParams params = (r.next() & 1) == 0 ? matmul(r) : mlp(r);
        JobSpec spec = JobSpec.of(params, new InputSource.Seeded(Hash.sha3(concat(base, new byte[] {1}))));
        byte[] jobId = Hash.sha3(concat(base, new byte[] {2}));
        boolean cheat = Long.remainderUnsigned(r.next(), 1000) < p.cheatPerMille();
        Execution e = executor.execute(spec);
        byte[] claimed = e.outputHash();
        if (cheat) {
            byte[] wrong = e.output();
            int at = (int) Long.remainderUnsigned(r.next(), wrong.length);
            wrong[at] ^= (byte) (1 + Long.remainderUnsigned(r.next(), 255));
            claimed = OutputCodec.hash(wrong);
        }
        return new SimulatedJob(new Job(jobId, epoch, p.address(), p.role(), spec, claimed), cheat);
    }

    private byte[] derive(long epoch, int index) {
        return Hash.sha3(ByteBuffer.allocate(44).put(seed).putLong(epoch).putInt(index).array());
    }

    private static int between(SplitMix64 r, int lo, int hi) {
        return lo + (int) Long.remainderUnsigned(r.next(), hi - lo + 1);
    }

    private static MatmulParams matmul(SplitMix64 r) {
        int k = between(r, 1, 48);
        return new MatmulParams(between(r, 1, 24), between(r, 1, 24), k, between(r, 1, k));
    }

    private static MlpParams mlp(SplitMix64 r) {
        int layers = between(r, 1, 3);
        int[] dims = new int[layers + 1];
        int[] mult = new int[layers];
        int[] shift = new int[layers];
        for (int i = 0; i <= layers; i++) {
            dims[i] = between(r, 1, 32);
        }
        for (int l = 0; l < layers; l++) {
            mult[l] = 1 << 20;
            shift[l] = between(r, 26, 30);
        }
        return new MlpParams(between(r, 1, 8), dims, mult, shift);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
