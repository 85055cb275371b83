package io.cipherocto.governance.chain;

import java.math.BigInteger;

/** A proposal's state at one block, with its snapshot and deadline timepoints (timestamps). */
public record ProposalTimes(BigInteger proposalId, ProposalState state, long snapshot, long deadline, long atBlock) {}
