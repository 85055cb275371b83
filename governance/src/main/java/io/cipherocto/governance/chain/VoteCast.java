package io.cipherocto.governance.chain;

import java.math.BigInteger;

/** One vote counted on chain (a VoteCast or VoteCastWithParams log): voter in lower-case hex. */
public record VoteCast(BigInteger proposalId, String voter, long blockNumber) {}
