package io.cipherocto.governance.store;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One signed relay transaction of a ballot (the first send or a fee bump of it). */
public record RelayAttempt(String txHash, UUID ballotId, String relayer, long relayerNonce, BigInteger gasPrice,
        byte[] rawTx, OffsetDateTime createdAt) {}
