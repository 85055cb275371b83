package io.cipherocto.settlement.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cipherocto.contracts.protocol.PassAttestations;
import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SortedMap;
import org.web3j.crypto.Hash;

/**
 * The public bundle of one settled epoch: everything needed to recompute its rewards root from this file and the
 * chain alone, with no database and no node (docs/protocol.md "Epoch bundle"). Its keccak256, over the exact bytes
 * served, is committed on chain with the root ({@code submitRoot(..., bundleHash, ...)}), so a bundle is checked
 * before it is used.
 *
 * <p>Canonical form: JSON without whitespace, object keys sorted, amounts as decimal strings, addresses and hashes
 * lower-case 0x-hex, lists in the order each field states. The same inputs always give the same bytes.
 *
 * @param format {@value #FORMAT}
 * @param contracts the deployment the epoch was settled on
 * @param commitment the receipts commitment settlement made on chain before the seed
 * @param unattestedPolicy the governed policy frozen for the epoch (0 REFUND, 1 FORFEIT)
 * @param parameters the parameters in force
 * @param receipts every signed receipt of the epoch, in job id order
 * @param envelopes the batch-signed envelopes the receipts that name one belong to, in digest order
 * @param funded the requesters with fees whose reservation the escrow made for the epoch, sorted
 * @param forfeited the providers the registry records as failed in the epoch, sorted
 * @param verdicts the on-chain proofs of the sample verdicts
 * @param history each provider's pass and fail counts of earlier epochs (the reputation input), sorted
 * @param previous the cumulative amounts of the previous settled epoch and its root
 * @param result what settlement computed: the root and the per-leaf amounts
 */
public record EpochBundle(String format, long chainId, Contracts contracts, long epoch, long closingBlock,
        Commitment commitment, String seed, String samplingRateWad, int unattestedPolicy, Parameters parameters,
        List<Receipt> receipts, List<Envelope> envelopes, List<String> funded, List<String> forfeited, Verdicts verdicts, List<History> history,
        Previous previous, Result result) {
    public static final String FORMAT = "cipherocto-epoch-bundle/2";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public record Contracts(String rewardDistributor, String attestationRegistry, String paymentEscrow) {
    }

    public record Commitment(String receiptsRoot, long receiptCount, String dataHash) {
    }

    public record Parameters(String protocolFeeWad, String octo, String treasury, SortedMap<String, String> roleTokens,
            SortedMap<String, String> emissionBudgets) {
    }

    /**
     * A signed receipt: the EIP-712 JobReceipt fields and both 65-byte signatures. A receipt of a batch-signed envelope
     * names the envelope's digest in {@code envelope}, and its signatures are the envelope's (over the envelope's
     * digest); {@code envelope} is absent from the JSON of a single-signed receipt.
     */
    public record Receipt(String jobId, String requester, String provider, int role, String kernel, String specHash,
            String outputHash, String workUnits, String fee, String providerSig, String requesterSig,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String envelope) {
        public java.util.Optional<String> envelopeDigest() {
            return java.util.Optional.ofNullable(envelope);
        }
    }

    /**
     * A batch-signed envelope (docs/settlement.md, "Batch-signed receipts"): the signed
     * {@code ReceiptEnvelope(epoch, requester, provider, receiptsRoot, count)}, both signatures over its digest, and the
     * struct hashes of all {@code count} receipts it carried (refused ones included), whose StandardMerkleTree root is
     * {@code receiptsRoot}.
     */
    public record Envelope(String digest, String requester, String provider, String receiptsRoot, int count,
            String providerSig, String requesterSig, List<String> structHashes) {
    }

    /**
     * @param fails the fail attestations accepted up to {@code throughBlock}
     * @param passes the pass sets committed up to {@code throughBlock} that settlement could fetch and check
     * @param throughBlock the last block settlement read the verdicts through: what the chain accepted after it came
     *        too late for this epoch (it still slashes)
     * @param deadlineSeconds the attestation deadline settlement applied, in chain time since the closing block: it
     *        reads no further once every registered verifier has committed, every sampled job has a verdict, or this
     *        much time has passed
     */
    public record Verdicts(List<Fail> fails, List<PassSet> passes, long throughBlock, long deadlineSeconds) {
    }

    /** A FailAttestationAccepted event: the transaction that carries it. */
    public record Fail(String jobId, String provider, String txHash) {
    }

    /** A verifier's PassAttestationsCommitted and the attestations whose root it committed. */
    public record PassSet(String verifier, String root, long count, String txHash, PassAttestations attestations) {
    }

    public record History(String provider, long passes, long fails) {
    }

    /** @param epoch the previous settled epoch, or -1 when there is none */
    public record Previous(long epoch, String root, List<Leaf> cumulative) {
    }

    public record Leaf(String earner, String token, String amount) {
    }

    public record Result(String root, List<Reward> rewards, SortedMap<String, Object> totals) {
    }

    /** One leaf of the result: this epoch's amount and the cumulative amount claimable. */
    public record Reward(String earner, String token, String kind, String amount, String cumulative) {
    }

    /** The canonical bytes. */
    public byte[] toBytes() {
        try {
            return CANONICAL.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bundle not serialisable", e);
        }
    }

    /** The canonical bytes of one part of a bundle (a receipt, an envelope), as they appear inside it. */
    static byte[] canonical(Object part) {
        try {
            return CANONICAL.writeValueAsBytes(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bundle part not serialisable", e);
        }
    }

    /** keccak256 of the canonical bytes, 0x-hex. */
    public String hash() {
        return hash(toBytes());
    }

    public static String hash(byte[] bytes) {
        return Hex.encode(Hash.sha3(bytes));
    }

    /** Parses a bundle; IllegalArgumentException when it is not one. */
    public static EpochBundle parse(byte[] bytes) {
        try {
            EpochBundle b = CANONICAL.readValue(bytes, EpochBundle.class);
            if (b == null || !FORMAT.equals(b.format())) {
                throw new IllegalArgumentException("not a " + FORMAT + " file");
            }
            return b;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a bundle: " + e.getMessage(), e);
        }
    }

    static UncheckedIOException io(IOException e) {
        return new UncheckedIOException(e);
    }
}
