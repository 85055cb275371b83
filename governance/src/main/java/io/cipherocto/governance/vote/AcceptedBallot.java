package io.cipherocto.governance.vote;

import java.util.UUID;

/** A ballot that passed every check and is stored, queued for relay. */
public record AcceptedBallot(UUID ballotId) {}
