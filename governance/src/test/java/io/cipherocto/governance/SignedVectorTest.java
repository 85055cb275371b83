package io.cipherocto.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.governance.relay.RelayerWorker;
import io.cipherocto.governance.store.BallotStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * The fixed eth_signTypedData_v4 vector (src/test/resources/vectors, anvil key #7) is accepted through the API and
 * counted on chain with floor(sqrt(stake)) weight.
 */
@QuarkusTest
@WithTestResource(GovernanceTestEnvironment.class)
class SignedVectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    GovernanceRuntime runtime;

    @Inject
    RelayerWorker worker;

    private static JsonNode resource(String name) throws Exception {
        try (InputStream in = SignedVectorTest.class.getResourceAsStream("/vectors/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void typedDataV4Vector_isAccepted_andCountedOnChainWithSqrtWeight() throws Exception {
        DevChain chain = DevChain.fromConfig();
        JsonNode typed = resource("ballot_typed_data_v4.json");
        String signature = resource("ballot_typed_data_v4.signature.json").get("signature").asText();
        JsonNode domain = typed.get("domain");
        JsonNode message = typed.get("message");
        // The vector is bound to the deterministic test deployment.
        assertThat(domain.get("chainId").asLong()).isEqualTo(chain.chainId());
        assertThat(domain.get("verifyingContract").asText()).isEqualToIgnoringCase(chain.governorAddress());
        BigInteger pid = new BigInteger(message.get("proposalId").asText());
        assertThat(pid).isEqualTo(TestVectorTool.proposalId(chain));
        // A standard typed-data encoder and the governor's Ballot digest agree.
        byte[] v4Digest = new StructuredDataEncoder(JSON.writeValueAsString(typed)).hashStructuredData();
        Credentials voter = DevAccounts.get(TestVectorTool.VOTER_ACCOUNT);
        assertThat(v4Digest).isEqualTo(new Ballot(pid, 1, voter.getAddress(), BigInteger.ZERO).digest(chain.domain()));

        chain.registerMember(voter, DevChain.octo(10_000));
        chain.increaseTime(1);
        BigInteger created = chain.propose(chain.newAccount(), TestVectorTool.DESCRIPTION);
        assertThat(created).isEqualTo(pid);
        chain.increaseTime(GovernanceTestEnvironment.VOTING_DELAY + 1);

        ObjectNode body = ((ObjectNode) message.deepCopy()).put("signature", signature);
        body.set("domain", domain);
        UUID id = GovernanceTestSupport.accept(JSON.writeValueAsString(body));
        GovernanceTestSupport.drain(runtime, GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10)));

        assertThat(GovernanceTestSupport.status(runtime, id)).isEqualTo(BallotStatus.CONFIRMED);
        // floor(sqrt(10,000e18)) = 1e11
        assertThat(chain.governor().proposalVotes(pid).send().component2()).isEqualTo(BigInteger.valueOf(100_000_000_000L));
        assertThat(chain.governor().hasVoted(pid, voter.getAddress()).send()).isTrue();
        assertThat(Numeric.hexStringToByteArray(signature)).hasSize(65);
    }
}
