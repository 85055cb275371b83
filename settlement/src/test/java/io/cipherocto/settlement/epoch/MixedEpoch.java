package io.cipherocto.settlement.epoch;

import io.cipherocto.contracts.protocol.SampleRule;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.Reputation;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.web3j.crypto.Hash;

/**
 * A non-trivial epoch for comparing the streaming close with the in-memory one: job ids in no order (hashes),
 * hundreds of providers (some forfeited), twelve requesters among which one whose fees are all zero and unfunded (its
 * receipts count), one whose first half is free and which is funded, one unfunded with fees (its receipts earn nothing)
 * and one unfunded that is free at first; amounts above 2^63, zero work units, a role without a token, 5 % sampled with
 * every kind of verdict, earlier reputations and cumulative amounts.
 */
final class MixedEpoch {
    static final int PROVIDERS = 701;
    static final int REQUESTERS = 12;
    static final byte[] SEED = Hex.decode("0x" + "5e".repeat(32));
    static final BigInteger RATE = new BigInteger("50000000000000000"); // 5 %
    static final String OCTO = address(0xc0);
    static final String TREASURY = address(0xfe);
    static final String KERNEL = String.format("0x%064x", 0x6b);

    private MixedEpoch() {
    }

    static String address(long v) {
        return String.format("0x%040x", v);
    }

    static String provider(int p) {
        return address(0x300000 + p);
    }

    static String requester(int q) {
        return address(0x400000 + q);
    }

    static String jobId(long salt, int i) {
        return Hex.encode(Hash.sha3(Hex.decode(String.format("0x%016x%016x", salt, i))));
    }

    /** Receipt {@code i} of {@code n} of the epoch. */
    static JobReceipt receipt(long epoch, long salt, int i, int n) {
        int q = i % REQUESTERS;
        BigInteger fee = i % 1_000 == 0 ? BigInteger.TEN.pow(25).add(BigInteger.valueOf(i))
                : BigInteger.valueOf(1_000_000_000L + 7_919L * i);
        if (q == 0 || ((q == 1 || q == 3) && i < n / 2)) {
            fee = BigInteger.ZERO;
        }
        BigInteger work = BigInteger.valueOf(i % 5 == 0 ? 0 : 1 + i % 300);
        String h = Hex.encode(Hash.sha3(Hex.decode(String.format("0x%016x", i))));
        return new JobReceipt(jobId(salt, i), epoch, requester(q), provider((i * 7) % PROVIDERS), i % 5, KERNEL, h,
                jobId(salt + 1, i), work, fee);
    }

    static List<StoredReceipt> receipts(long epoch, long salt, int n) {
        List<StoredReceipt> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JobReceipt r = receipt(epoch, salt, i, n);
            out.add(new StoredReceipt(r.jobId(), r.epoch(), r.requester(), r.provider(), r.role(), r.workUnits(), r.fee(),
                    r.specHash(), r.outputHash()));
        }
        out.sort(Comparator.comparing(StoredReceipt::jobId));
        return out;
    }

    /** Requesters 0 and 2 and 3 are not funded. */
    static Predicate<String> funded() {
        return r -> !r.equals(requester(0)) && !r.equals(requester(2)) && !r.equals(requester(3));
    }

    static Predicate<String> forfeited() {
        return p -> Integer.parseInt(p.substring(2), 16) % 37 == 0;
    }

    /** A verdict for most sampled receipts (pass, fail, unverifiable); a quarter stay unattested. */
    static Map<String, Verdict> verdicts(List<StoredReceipt> receipts) {
        Map<String, Verdict> out = new HashMap<>();
        int k = 0;
        for (StoredReceipt r : receipts) {
            if (SampleRule.sampled(SEED, Hex.decode(r.jobId()), RATE)) {
                switch (k++ % 4) {
                    case 0 -> out.put(r.jobId(), Verdict.PASS);
                    case 1 -> out.put(r.jobId(), Verdict.FAIL);
                    case 2 -> out.put(r.jobId(), Verdict.UNVERIFIABLE);
                    default -> { }
                }
            }
        }
        return out;
    }

    static RewardParams params(UnattestedPolicy policy) {
        SortedMap<Integer, String> roles = new TreeMap<>();
        SortedMap<String, BigInteger> budgets = new TreeMap<>();
        for (int role = 0; role < 4; role++) { // role 4 has no token
            roles.put(role, address(0xa00 + role));
            budgets.put(address(0xa00 + role), BigInteger.TEN.pow(22).add(BigInteger.valueOf(role)));
        }
        return new RewardParams(new BigInteger("50000000000000000"), OCTO, TREASURY, roles, budgets, policy);
    }

    static Map<String, Reputation> history() {
        Map<String, Reputation> out = new HashMap<>();
        for (int p = 0; p < PROVIDERS; p += 3) {
            out.put(provider(p), new Reputation(p % 60, p % 7));
        }
        return out;
    }

    static SortedMap<CumulativeTree.Key, BigInteger> previous() {
        SortedMap<CumulativeTree.Key, BigInteger> out = new TreeMap<>();
        for (int p = 0; p < PROVIDERS; p += 5) {
            out.put(new CumulativeTree.Key(provider(p), OCTO), BigInteger.valueOf(1_000_000L * (p + 1)));
        }
        out.put(new CumulativeTree.Key(address(0x999), address(0xa01)), BigInteger.TEN.pow(20)); // not in this epoch
        out.put(new CumulativeTree.Key(TREASURY, OCTO), BigInteger.valueOf(12_345));
        return out;
    }
}
