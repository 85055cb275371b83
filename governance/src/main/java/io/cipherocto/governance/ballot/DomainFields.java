package io.cipherocto.governance.ballot;

import java.util.Optional;

/** The EIP-712 domain a client says it signed under; each field optional, each one present is checked. */
public record DomainFields(Optional<String> name, Optional<String> version, Optional<Long> chainId,
        Optional<String> verifyingContract) {}
