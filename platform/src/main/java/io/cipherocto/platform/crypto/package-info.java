/**
 * Signature recovery shared by the services that check secp256k1 signatures (governance ballots, settlement
 * receipts): one {@link io.cipherocto.platform.crypto.SignatureRecovery} interface, a pure-Java and a libsecp256k1
 * implementation, the default chosen by {@link io.cipherocto.platform.crypto.SignatureRecoveries}.
 */
package io.cipherocto.platform.crypto;
