package io.cipherocto.settlement.verdict;

import io.cipherocto.contracts.protocol.PassAttestations;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.rewards.Verdict;
import java.util.List;
import java.util.Map;

/**
 * The verdicts on an epoch's sampled jobs that the chain proves, and what proves them:
 * <ul>
 *   <li>{@code FAIL}: a FailAttestationAccepted event (quorum-signed, checked by the AttestationRegistry);</li>
 *   <li>{@code PASS}: a pass attestation of a verifier whose attestation set hashes to the root it committed on chain
 *       (PassAttestationsCommitted), for the receipt as committed; a FAIL wins over a PASS.</li>
 * </ul>
 * A sampled job with neither is unattested and follows the epoch's governed unattested-sample policy.
 *
 * @param verdicts job id to PASS or FAIL
 * @param fails every accepted fail attestation of the epoch
 * @param commitments every pass commitment of the epoch
 * @param passSets the checked attestation sets, by verifier (lower-case address)
 * @param verifierCount the verifiers registered now
 * @param throughBlock the last block read: nothing accepted after it is in this view
 */
public record EpochVerdicts(Map<String, Verdict> verdicts, List<SettlementChain.FailEvent> fails,
        List<SettlementChain.PassCommitmentEvent> commitments, Map<String, PassAttestations> passSets, long verifierCount,
        long throughBlock) {
    public EpochVerdicts {
        verdicts = Map.copyOf(verdicts);
        fails = List.copyOf(fails);
        commitments = List.copyOf(commitments);
        passSets = Map.copyOf(passSets);
    }

    /**
     * Whether every registered verifier has committed its pass attestations for the epoch: each has finished it (its
     * fail attestations were sent before its commitment), so nothing more is to be waited for.
     */
    public boolean allVerifiersFinished() {
        return verifierCount > 0 && commitments.stream().map(SettlementChain.PassCommitmentEvent::verifier).distinct().count() >= verifierCount;
    }
}
