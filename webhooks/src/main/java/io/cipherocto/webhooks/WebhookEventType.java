package io.cipherocto.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The event types a subscription can ask for, by their wire names ({@code proposal.created}, ...). */
public enum WebhookEventType {
    PROPOSAL_CREATED("proposal.created"),
    PROPOSAL_VOTING_STARTED("proposal.voting_started"),
    PROPOSAL_VOTING_ENDING_SOON("proposal.voting_ending_soon"),
    PROPOSAL_QUEUED("proposal.queued"),
    PROPOSAL_EXECUTED("proposal.executed"),
    ROOT_POSTED("root.posted"),
    REWARDS_CLAIMABLE("rewards.claimable"),
    PROVIDER_SLASHED("provider.slashed"),
    SAMPLED_JOB_FAILED("sampled_job.failed");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    /** The name on the wire and in {@code X-Octo-Event}. */
    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** Every wire name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(WebhookEventType::wire).toList();
    }
}
