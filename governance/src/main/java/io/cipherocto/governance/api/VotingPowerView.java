package io.cipherocto.governance.api;

/**
 * GET /voting-power/{address}: membership, member stake (wei) and voting power floor(sqrt(stake)) at a timepoint:
 * the proposal's snapshot when {@code proposalId} is given and already in the past ({@code atSnapshot} true), else
 * the latest block.
 */
public record VotingPowerView(String address, boolean member, String stake, String votingPower, String proposalId,
        long timepoint, boolean atSnapshot, long block) {}
