package io.cipherocto.settlement.receipt;

import io.cipherocto.contracts.eip712.Eip712Domain;

/**
 * The EIP-712 domain job receipts are signed under:
 * {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)} with name
 * {@value #NAME}, version {@value #VERSION}, the chain id and the RewardDistributor address (the contract whose
 * root pays for the receipts; it does not verify receipts on chain, the address only binds them to one deployment).
 */
public final class SettlementDomain {
    public static final String NAME = "CipherOcto Settlement";
    public static final String VERSION = "1";

    private SettlementDomain() {
    }

    public static Eip712Domain of(long chainId, String rewardDistributor) {
        return new Eip712Domain(NAME, VERSION, chainId, rewardDistributor);
    }
}
