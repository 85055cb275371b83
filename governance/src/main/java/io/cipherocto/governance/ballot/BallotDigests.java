package io.cipherocto.governance.ballot;

import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.contracts.eip712.Eip712Domain;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** EIP-712 digests of the governor's two ballot types, exactly as OpenZeppelin's Governor hashes them. */
public final class BallotDigests {
    public static final String EXTENDED_TYPE =
            "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)";
    private static final byte[] EXTENDED_TYPEHASH = Hash.sha3(EXTENDED_TYPE.getBytes(StandardCharsets.UTF_8));
    private static final byte[] EMPTY_HASH = Hash.sha3(new byte[0]);

    private BallotDigests() {
    }

    /** The digest the voter signed: Ballot, or ExtendedBallot with empty params when a reason is given. */
    public static byte[] digest(BallotSubmission b, Eip712Domain domain) {
        byte[] structHash = b.reason().isEmpty()
                ? new Ballot(b.proposalId(), b.support(), b.voter(), b.nonce()).structHash()
                : extendedStructHash(b.proposalId(), b.support(), b.voter(), b.nonce(), b.reason().get());
        return domain.digest(structHash);
    }

    static byte[] extendedStructHash(BigInteger proposalId, int support, String voter, BigInteger nonce, String reason) {
        byte[] buf = new byte[32 * 7];
        System.arraycopy(EXTENDED_TYPEHASH, 0, buf, 0, 32);
        word(buf, 1, proposalId);
        word(buf, 2, BigInteger.valueOf(support));
        word(buf, 3, new BigInteger(voter.substring(2), 16));
        word(buf, 4, nonce);
        System.arraycopy(Hash.sha3(reason.getBytes(StandardCharsets.UTF_8)), 0, buf, 160, 32);
        System.arraycopy(EMPTY_HASH, 0, buf, 192, 32);
        return Hash.sha3(buf);
    }

    private static void word(byte[] buf, int index, BigInteger v) {
        byte[] b = v.toByteArray();
        int len = Math.min(32, b.length);
        System.arraycopy(b, b.length - len, buf, index * 32 + 32 - len, len);
    }
}
