package io.cipherocto.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Writes the fixed ballot test vector (src/test/resources/vectors): the eth_signTypedData_v4 JSON of a Ballot for
 * {@link #DESCRIPTION}'s proposal on the governor of {@link GovernanceTestEnvironment#deploy} (fresh anvil, chain
 * 31337), signed with anvil dev key #7 through web3j's {@code Sign.signTypedData} (StructuredDataEncoder, the
 * typed-data v4 algorithm). Run: see src/test/resources/vectors/README.md.
 */
public final class TestVectorTool {
    public static final String DESCRIPTION = "CipherOcto governance API test vector: raise the reward activation delay to 2 hours";
    public static final int VOTER_ACCOUNT = 7;

    private TestVectorTool() {
    }

    /** The proposal the vector votes on (same targets/calldata as {@link DevChain#propose}). */
    public static BigInteger proposalId(DevChain chain) throws Exception {
        List<String> targets = List.of(chain.manifest().address(DeploymentManifest.REWARDS));
        List<byte[]> calldatas = List.of(Numeric.hexStringToByteArray(FunctionEncoder.encode(
                new Function("setActivationDelay", List.of(new Uint256(7200)), List.of()))));
        return chain.governor().hashProposal(targets, List.of(BigInteger.ZERO), calldatas,
                Hash.sha3(DESCRIPTION.getBytes(StandardCharsets.UTF_8))).send();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "governance/src/test/resources/vectors");
        try (AnvilNode anvil = AnvilNode.start()) {
            Path manifest = Files.createTempDirectory("vector").resolve("deployment.json");
            GovernanceTestEnvironment.deploy(anvil, manifest);
            DevChain chain = DevChain.of(anvil, manifest);
            Credentials voter = DevAccounts.get(VOTER_ACCOUNT);

            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("types", Map.of(
                    "EIP712Domain", List.of(field("name", "string"), field("version", "string"),
                            field("chainId", "uint256"), field("verifyingContract", "address")),
                    "Ballot", List.of(field("proposalId", "uint256"), field("support", "uint8"),
                            field("voter", "address"), field("nonce", "uint256"))));
            typed.put("primaryType", "Ballot");
            Map<String, Object> domain = new LinkedHashMap<>();
            domain.put("name", "OctoGovernor");
            domain.put("version", "1");
            domain.put("chainId", chain.chainId());
            domain.put("verifyingContract", chain.governorAddress());
            typed.put("domain", domain);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("proposalId", proposalId(chain).toString());
            message.put("support", 1);
            message.put("voter", voter.getAddress());
            message.put("nonce", "0");
            typed.put("message", message);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            String typedJson = json.writeValueAsString(typed);

            Sign.SignatureData sig = Sign.signTypedData(typedJson, voter.getEcKeyPair());
            byte[] rsv = new byte[65];
            System.arraycopy(sig.getR(), 0, rsv, 0, 32);
            System.arraycopy(sig.getS(), 0, rsv, 32, 32);
            rsv[64] = sig.getV()[0];
            Files.createDirectories(out);
            Files.writeString(out.resolve("ballot_typed_data_v4.json"), typedJson + "\n");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("signer", voter.getAddress());
            s.put("key", "anvil dev account #" + VOTER_ACCOUNT);
            s.put("signature", Numeric.toHexString(rsv));
            Files.writeString(out.resolve("ballot_typed_data_v4.signature.json"), json.writeValueAsString(s) + "\n");
            System.out.println("wrote " + out.toAbsolutePath());
        }
    }

    private static Map<String, String> field(String name, String type) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        return f;
    }
}
