package io.cipherocto.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * POST/GET /graphql against the real database and anvil: the answers equal the REST API's, cursors page through the
 * same data, stakes read as of a block, and every failure follows the REST error contract.
 */
@QuarkusTest
@WithTestResource(GraphqlTestEnvironment.class)
class GraphqlApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    /** An earner with rewards in the seeded epochs 1, 3, 4, 5 and 6. */
    private static final String EARNER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final int EPOCHS = 7;
    /** An open epoch far from the chain's: receipts of {@value #RECEIPT_REQUESTERS} requesters and 3 providers. */
    private static final long RECEIPT_EPOCH = 930_001;
    private static final int RECEIPTS = 53;
    private static final int RECEIPT_REQUESTERS = 2;

    @BeforeAll
    static void seedEpochs() throws Exception {
        // Settled epochs as settlement's worker stores them (rows in settlement.epochs and settlement.rewards): the
        // GraphQL module reads them only through settlement's query beans.
        try (Connection c = GraphqlTestEnvironment.db.jdbc()) {
            PreparedStatement e = c.prepareStatement("INSERT INTO settlement.epochs (epoch, status, closing_block, seed, "
                    + "sampling_rate_wad, params, receipt_count, sample_count, attested_pass, attested_fail, unattested, forfeited, "
                    + "totals, root, tree) VALUES (?, 'computed', ?, ?, 1000000000000000000, ?::jsonb, ?, 1, 1, 0, 0, '[]'::jsonb, "
                    + "?::jsonb, ?, '{}') ON CONFLICT DO NOTHING");
            PreparedStatement r = c.prepareStatement("INSERT INTO settlement.rewards (epoch, earner, token, kind, amount, "
                    + "cumulative, leaf_index) VALUES (?, ?, ?, 'provider', ?::numeric, ?::numeric, 0) ON CONFLICT DO NOTHING");
            BigInteger cumulative = BigInteger.ZERO;
            for (int n = 0; n < EPOCHS; n++) {
                e.setLong(1, n);
                e.setLong(2, 59 + 60L * n);
                e.setString(3, "0x" + String.format("%064x", 1000 + n));
                e.setString(4, "{\"protocolFeeWad\":\"50000000000000000\",\"epoch\":" + n + "}");
                e.setLong(5, 3 + n);
                e.setString(6, "{\"debited\":\"" + (n * 1000) + "\"}");
                e.setString(7, "0x" + String.format("%064x", 7000 + n));
                e.executeUpdate();
                if (n == 1 || n >= 3) {
                    // 2^70 + n wei: beyond a double's exact range, so a float anywhere would show
                    BigInteger amount = BigInteger.TWO.pow(70).add(BigInteger.valueOf(n));
                    cumulative = cumulative.add(amount);
                    r.setLong(1, n);
                    r.setString(2, EARNER);
                    r.setString(3, TOKEN);
                    r.setString(4, amount.toString());
                    r.setString(5, cumulative.toString());
                    r.executeUpdate();
                }
            }
            // receipts as ReceiptStore stores them, in their epoch's partition; requester i % 2, provider i % 3
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS settlement.receipts_e" + RECEIPT_EPOCH
                    + " PARTITION OF settlement.receipts FOR VALUES IN (" + RECEIPT_EPOCH + ")");
            PreparedStatement q = c.prepareStatement("INSERT INTO settlement.receipts (job_id, epoch, requester, provider, "
                    + "role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest) VALUES "
                    + "(?, ?, ?, ?, 0, 'k', 's', 'o', 1, ?::numeric, 'ps', 'rs', 'd') ON CONFLICT DO NOTHING");
            for (int i = 0; i < RECEIPTS; i++) {
                q.setString(1, String.format("0x%064x", 0x9300_0000L + i));
                q.setLong(2, RECEIPT_EPOCH);
                q.setString(3, receiptRequester(i % RECEIPT_REQUESTERS));
                q.setString(4, String.format("0x%040x", 0x930000 + i % 3));
                q.setString(5, BigInteger.TWO.pow(70).add(BigInteger.valueOf(i)).toString());
                q.executeUpdate();
            }
        }
    }

    private static String receiptRequester(int k) {
        return String.format("0x%040x", 0x931000 + k);
    }

    // ------------------------------------------------------------------ settlement

    @Test
    void epochs_pagedByCursor_equalTheRestList() throws Exception {
        JsonNode rest = JSON.readTree(given().get("/api/v1/epochs").then().statusCode(200).extract().asString());
        String fields = "epoch status closingBlock seed samplingRateWad parameters receipts sampled attestedPass attestedFail "
                + "unattested forfeited totals root txHash txBlock computedAt publishedAt";
        List<JsonNode> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = data(query("query($after: String) { epochs(limit: 3, after: $after) { items { " + fields
                    + " } next } }", vars("after", after))).path("epochs");
            page.path("items").forEach(paged::add);
            after = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (after != null && pages < 10);
        assertThat(pages).isEqualTo(3); // 3 + 3 + 1
        assertThat(rest).hasSize(EPOCHS);
        assertThat(paged).hasSize(EPOCHS);
        for (int i = 0; i < EPOCHS; i++) {
            assertThat(withoutNulls(paged.get(i))).as("epoch %d", i).isEqualTo(withoutNulls(rest.get(i)));
        }
        assertThat(paged.get(0).path("epoch").asLong()).isEqualTo(EPOCHS - 1);

        JsonNode one = data(query("{ epoch(epoch: 2) { epoch root parameters } }", Map.of())).path("epoch");
        assertThat(one.path("root").asText()).isEqualTo(rest.get(EPOCHS - 1 - 2).path("root").asText());
        assertThat(one.path("parameters").path("epoch").asInt()).isEqualTo(2);
    }

    @Test
    void providerAndMemberProfiles_equalTheRestProfiles() throws Exception {
        JsonNode rest = JSON.readTree(given().get("/api/v1/providers/" + EARNER).then().statusCode(200).extract().asString());
        JsonNode provider = data(query("query($a: String!) { provider(address: $a) { address stakes { role registered octo } "
                + "reputation { passes fails multiplierBps } verdicts { epoch passes fails unattested } "
                + "earnings { epoch rewards { token amount cumulative } } apr { token earned staked epochs seconds aprBps } "
                + "claimable { address epoch } } }", vars("a", EARNER))).path("provider");
        for (String f : List.of("address", "reputation", "verdicts", "apr")) {
            assertThat(withoutNulls(provider).path(f)).as(f).isEqualTo(withoutNulls(rest).path(f));
        }
        assertThat(provider.path("earnings").size()).isEqualTo(rest.path("earnings").size()).isPositive();
        assertThat(provider.path("earnings").get(0).path("rewards").get(0).path("amount").asText())
                .isEqualTo(rest.path("earnings").get(0).path("rewards").get(0).path("amount").asText());

        JsonNode restMember = JSON.readTree(given().get("/api/v1/governance/members/" + EARNER).then().statusCode(200).extract()
                .asString());
        JsonNode member = data(query("query($a: String!) { member(address: $a) { address now { member stake votingPower } "
                + "history { block stake votingPower } votes { proposalId } } }", vars("a", EARNER))).path("member");
        assertThat(member.path("now").path("member").asBoolean()).isEqualTo(restMember.path("now").path("member").asBoolean());
        assertThat(member.path("history").size()).isEqualTo(restMember.path("history").size());
        assertThat(member.path("votes").size()).isEqualTo(restMember.path("votes").size());
    }

    @Test
    void rewardsAndEarnings_ofAProvider_equalTheRestAnswers() throws Exception {
        JsonNode restRewards = JSON.readTree(given().get("/api/v1/rewards/" + EARNER).then().statusCode(200).extract().asString());
        JsonNode rewards = data(query("query($a: String!) { rewards(address: $a) { address epoch root activatesAt "
                + "rewards { token cumulativeAmount claimed claimable leafIndex proof } pending { epoch root activatesAt "
                + "cumulativeAmounts { token amount } } } }", vars("a", EARNER))).path("rewards");
        for (String f : List.of("address", "epoch", "root", "activatesAt", "rewards", "pending")) {
            assertThat(withoutNulls(rewards).path(f)).as(f).isEqualTo(withoutNulls(restRewards).path(f));
        }

        // earnings per epoch, two epochs a page, following next: the same pages as REST's before=<next>
        List<JsonNode> restPages = new ArrayList<>();
        String before = null;
        do {
            var req = given().queryParam("limit", 2);
            if (before != null) {
                req = req.queryParam("before", before);
            }
            JsonNode p = JSON.readTree(req.get("/api/v1/rewards/" + EARNER + "/epochs").then().statusCode(200).extract().asString());
            restPages.add(p);
            before = p.path("next").isNull() || p.path("next").isMissingNode() ? null : p.path("next").asText();
            assertThat(restPages.size()).isLessThan(10);
        } while (before != null);
        List<JsonNode> gqlPages = new ArrayList<>();
        String after = null;
        do {
            JsonNode p = data(query("query($a: String!, $after: String) { earnings(address: $a, limit: 2, after: $after) { "
                    + "address items { epoch rewards { epoch token kind amount cumulative } } next } }",
                    vars("a", EARNER, "after", after))).path("earnings");
            gqlPages.add(p);
            after = p.path("next").isNull() ? null : p.path("next").asText();
            assertThat(gqlPages.size()).isLessThan(10);
        } while (after != null);
        assertThat(gqlPages).hasSameSizeAs(restPages).hasSize(3); // epochs 6 5 | 4 3 | 1
        for (int i = 0; i < restPages.size(); i++) {
            assertThat(gqlPages.get(i).path("address")).isEqualTo(restPages.get(i).path("address"));
            assertThat(gqlPages.get(i).path("items")).as("page %d", i).isEqualTo(restPages.get(i).path("epochs"));
            assertThat(gqlPages.get(i).path("next").asText(null)).isEqualTo(restPages.get(i).path("next").asText(null));
        }
        String amount = gqlPages.get(0).path("items").get(0).path("rewards").get(0).path("amount").asText();
        assertThat(amount).isEqualTo(BigInteger.TWO.pow(70).add(BigInteger.valueOf(6)).toString());
    }

    @Test
    void aRequestersReceipts_pagedByCursor_equalTheRestPages_withNoGapOrDuplicate() throws Exception {
        String requester = receiptRequester(1); // receipts 1, 3, ..., 51: 26 of them, 10 a page
        String q = "query($e: Long!, $r: String, $after: String) { receipts(epoch: $e, requester: $r, limit: 10, after: $after) "
                + "{ epoch provider requester items { jobId requester provider role fee receivedAt } next } }";
        List<String> jobs = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = data(query(q, vars("e", RECEIPT_EPOCH, "r", requester.toUpperCase().replace("0X", "0x"),
                    "after", after))).path("receipts");
            var rest = given().queryParam("requester", requester).queryParam("limit", 10);
            if (after != null) {
                rest = rest.queryParam("after", after);
            }
            JsonNode restPage = JSON.readTree(rest.get("/api/v1/epochs/" + RECEIPT_EPOCH + "/receipts").then().statusCode(200)
                    .extract().asString());
            assertThat(page.path("epoch").asLong()).isEqualTo(RECEIPT_EPOCH);
            assertThat(page.path("requester").asText()).isEqualTo(requester);
            assertThat(page.path("provider").isNull()).isTrue();
            assertThat(page.path("next")).isEqualTo(restPage.path("next"));
            for (int i = 0; i < page.path("items").size(); i++) {
                JsonNode item = page.path("items").get(i);
                assertThat(item.path("requester").asText()).isEqualTo(requester);
                for (String f : List.of("jobId", "requester", "provider", "role", "fee", "receivedAt")) {
                    assertThat(item.path(f)).as(f).isEqualTo(restPage.path("receipts").get(i).path(f));
                }
                jobs.add(item.path("jobId").asText());
            }
            after = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (after != null && pages < 10);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < RECEIPTS; i += 2) {
            expected.add(String.format("0x%064x", 0x9300_0000L + i));
        }
        assertThat(jobs).doesNotHaveDuplicates().isEqualTo(expected);
        assertThat(pages).isEqualTo(3); // 10 10 6

        // a provider's page still answers as before, naming the provider
        JsonNode byProvider = data(query("{ receipts(epoch: " + RECEIPT_EPOCH + ", provider: \"" + String.format("0x%040x", 0x930002)
                + "\") { provider requester items { jobId } next } }", Map.of())).path("receipts");
        assertThat(byProvider.path("items").size()).isEqualTo(17); // 2, 5, ..., 50
        assertThat(byProvider.path("requester").isNull()).isTrue();
    }

    @Test
    void receipts_withNeitherOrBothParties_orABadRequester_is400_invalidAddress() {
        String r = receiptRequester(0);
        assertRefusal(query("{ receipts(epoch: 1) { next } }", Map.of()), 400, "invalid_address");
        assertRefusal(query("{ receipts(epoch: 1, requester: \"" + r + "\", provider: \"" + r + "\") { next } }", Map.of()), 400,
                "invalid_address");
        assertRefusal(query("{ receipts(epoch: 1, requester: \"0xZZ\") { next } }", Map.of()), 400, "invalid_address");
        assertRefusal(query("{ receipts(epoch: 1, requester: \"" + r + "\", after: \"zz\") { next } }", Map.of()), 400,
                "invalid_cursor");
        assertRefusal(query("{ receipts(epoch: 1, requester: \"" + r + "\", limit: 1001) { next } }", Map.of()), 400,
                "invalid_limit");
        assertRefusal(query("{ receipts(epoch: -1, requester: \"" + r + "\") { next } }", Map.of()), 400, "invalid_epoch");
    }

    // ------------------------------------------------------------------ governance

    @Test
    void proposals_carryTheStateDerivedFromTheIndexedEvents_andEqualTheGovernorsView() throws Exception {
        String description = "graphql " + UUID.randomUUID();
        BigInteger pid = propose(description);
        GraphqlTestEnvironment.anvil.increaseTime(GraphqlTestEnvironment.VOTING_DELAY + 1);

        JsonNode mine = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mine == null && System.nanoTime() < deadline) {
            JsonNode items = data(query("{ proposals(limit: 100) { items { proposalId state snapshot deadline proposer "
                    + "tallies { against for abstain } quorum eta description actions { target value decoded { signature } } "
                    + "createdTx votes { voter } } next } }", Map.of())).path("proposals").path("items");
            for (JsonNode p : items) {
                if (p.path("proposalId").asText().equals(pid.toString())) {
                    mine = p;
                }
            }
            if (mine == null) {
                Thread.sleep(200);
            }
        }
        assertThat(mine).as("proposal %s indexed", pid).isNotNull();
        assertThat(mine.path("state").asText()).isEqualTo("Active");
        assertThat(mine.path("description").asText()).isEqualTo(description);
        assertThat(mine.path("actions").get(0).path("decoded").path("signature").asText()).isEqualTo("setActivationDelay(uint256)");
        assertThat(mine.path("votes")).isEmpty();
        assertThat(mine.path("tallies").path("for").asText()).isEqualTo("0");

        // the list's state (derived from indexed events and the head) is the governor's own (the single proposal)
        JsonNode one = data(query("query($id: String!) { proposal(id: $id) { proposalId state snapshot deadline proposer "
                + "tallies { against for abstain } quorum eta } }", vars("id", pid.toString()))).path("proposal");
        for (String f : List.of("state", "snapshot", "deadline", "proposer", "tallies", "quorum", "eta")) {
            assertThat(mine.path(f)).as(f).isEqualTo(one.path(f));
        }
        JsonNode rest = JSON.readTree(given().queryParam("size", 100).get("/api/v1/governance/proposals").then().statusCode(200)
                .extract().asString());
        for (JsonNode p : rest.path("proposals")) {
            if (p.path("proposalId").asText().equals(pid.toString())) {
                assertThat(p.path("state").asText()).isEqualTo(mine.path("state").asText());
            }
        }
    }

    @Test
    void unknownProposal_is404_unknownProposal_withErrors() {
        Response r = query("{ proposal(id: \"123\") { state } }", Map.of());
        assertRefusal(r, 404, "unknown_proposal");
    }

    // ------------------------------------------------------------------ chain: as of a block

    @Test
    void stake_asOfAnEarlierBlock_differsFromTheLatest_afterAStakeChange() throws Exception {
        Credentials provider = Credentials.create(Keys.createEcKeyPair());
        int role = 2;
        DeploymentManifest m = GraphqlTestEnvironment.manifest;
        Chain op = Chain.connect(GraphqlTestEnvironment.anvil.web3j(), DevAccounts.get(0));
        GraphqlTestEnvironment.anvil.call("anvil_setBalance", List.of(provider.getAddress(), Numeric.toHexStringWithPrefix(E18.multiply(BigInteger.TEN))));
        String staking = m.address(DeploymentManifest.STAKING);
        ok(OctoToken.load(m.address(DeploymentManifest.OCTO), op.web3j(), op.txManager(), op.gas())
                .transfer(provider.getAddress(), octo(3_000)).send());
        ok(RoleToken.load(m.roleToken(role), op.web3j(), op.txManager(), op.gas()).transfer(provider.getAddress(), octo(300)).send());
        Chain pc = op.as(provider);
        StakingManager sm = StakingManager.load(staking, pc.web3j(), pc.txManager(), pc.gas());
        ok(sm.registerProvider(BigInteger.valueOf(role)).send());
        ok(OctoToken.load(m.address(DeploymentManifest.OCTO), pc.web3j(), pc.txManager(), pc.gas()).approve(staking, octo(3_000)).send());
        ok(RoleToken.load(m.roleToken(role), pc.web3j(), pc.txManager(), pc.gas()).approve(staking, octo(300)).send());
        TransactionReceipt first = sm.stake(BigInteger.valueOf(role), octo(2_000), octo(200)).send();
        ok(first);
        long firstBlock = first.getBlockNumber().longValueExact();
        ok(sm.stake(BigInteger.valueOf(role), octo(500), octo(50)).send());

        String q = "query($p: String!, $r: Int!, $b: Long) { stake(provider: $p, role: $r, block: $b) { provider role block "
                + "registered octo roleAmount unbondingOcto unbondingRoleAmount unbondReadyAt } }";
        JsonNode then = data(query(q, vars("p", provider.getAddress(), "r", role, "b", firstBlock))).path("stake");
        JsonNode now = data(query(q, vars("p", provider.getAddress(), "r", role, "b", null))).path("stake");
        JsonNode before = data(query(q, vars("p", provider.getAddress(), "r", role, "b", firstBlock - 1))).path("stake");

        assertThat(then.path("block").asLong()).isEqualTo(firstBlock);
        assertThat(then.path("octo").asText()).isEqualTo(octo(2_000).toString());
        assertThat(then.path("roleAmount").asText()).isEqualTo(octo(200).toString());
        assertThat(now.path("octo").asText()).isEqualTo(octo(2_500).toString());
        assertThat(now.path("roleAmount").asText()).isEqualTo(octo(250).toString());
        assertThat(now.path("block").asLong()).isGreaterThan(firstBlock);
        assertThat(now.path("registered").asBoolean()).isTrue();
        assertThat(before.path("octo").asText()).isEqualTo("0");

        // a block above the head is refused, not guessed
        assertRefusal(query(q, vars("p", provider.getAddress(), "r", role, "b", now.path("block").asLong() + 1000)), 400,
                "invalid_block");
        assertRefusal(query(q, vars("p", provider.getAddress(), "r", 9, "b", null)), 400, "invalid_role");
    }

    // ------------------------------------------------------------------ error contract

    @Test
    void aQueryThatDoesNotParseOrValidate_is400_invalidQuery_withTheGraphqlErrors() {
        assertRefusal(query("{ epochs(limit: 2) { items { epoch }", Map.of()), 400, "invalid_query");
        assertRefusal(query("{ epochs { nosuchfield } }", Map.of()), 400, "invalid_query");
        assertRefusal(query("query($e: Long!) { epoch(epoch: $e) { epoch } }", vars("e", "2361183241434822606848")), 400,
                "invalid_query");
        assertRefusal(given().get("/graphql?query=" + "x".repeat(50)), 400, "invalid_query");
        Response notJson = given().contentType("application/json").body("{").post("/graphql");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.jsonPath().getString("error")).isEqualTo("malformed_json");
        assertThat(notJson.jsonPath().getString("message")).isNotBlank();
    }

    @Test
    void aBadAddressArgument_is400_invalidAddress_withTheGraphqlErrors() {
        Response r = query("{ earnings(address: \"0xZZ\") { items { epoch } } }", Map.of());
        assertRefusal(r, 400, "invalid_address");
        assertThat(r.jsonPath().getString("errors[0].extensions.code")).isEqualTo("invalid_address");
        assertThat(r.jsonPath().getList("errors[0].path")).containsExactly("earnings");
        assertRefusal(query("{ rewards(address: \"nope\") { address } }", Map.of()), 400, "invalid_address");
        assertRefusal(query("{ member(address: \"0x12\") { address } }", Map.of()), 400, "invalid_address");
        assertRefusal(query("{ votingPower(address: \"nope\") { address } }", Map.of()), 400, "invalid_address");
    }

    @Test
    void aResolversNotFound_keepsItsStatusAndCode() {
        assertRefusal(query("{ epoch(epoch: 999) { epoch } }", Map.of()), 404, "epoch_not_found");
        assertRefusal(query("{ epochs(after: \"-3\") { next } }", Map.of()), 400, "invalid_cursor");
    }

    @Test
    void anOverDeepQuery_is400_queryTooDeep() {
        // data queries: at most octo.graphql.max-depth (10); a data field next to the introspection keeps it limited
        String deep = "{ epochs { next } __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType "
                + "{ ofType { ofType { name } } } } } } } } } } } }";
        assertRefusal(query(deep, Map.of()), 400, "query_too_deep");
        // introspection alone: graphql-java's good-faith checks (at most 20 levels)
        assertRefusal(query("{ __schema { types { fields { type " + "{ ofType ".repeat(25) + "{ name }" + " }".repeat(25)
                + " } } } }", Map.of()), 400, "invalid_query");
    }

    @Test
    void theStandardIntrospectionQuery_isAnswered_soGraphiqlAndOtherToolsGetTheSchema() {
        Response r = query(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getList("errors")).as(r.asString()).isNull();
        assertThat(r.jsonPath().getString("data.__schema.queryType.name")).isEqualTo("Query");
        assertThat(r.jsonPath().getList("data.__schema.types.name")).contains("Epoch", "ReceiptConnection");
    }

    @Test
    void anOverComplexQuery_is400_queryTooComplex() {
        StringBuilder q = new StringBuilder("{");
        for (int i = 0; i < 260; i++) {
            q.append(" a").append(i).append(": epochs(limit: 1) { next }");
        }
        assertRefusal(query(q.append(" }").toString(), Map.of()), 400, "query_too_complex");
    }

    @Test
    void anOversizedQueryOrBody_isRefusedWithJson() {
        String big = "{ epochs { next } }" + " ".repeat(30_000);
        assertRefusal(query(big, Map.of()), 400, "query_too_large");
        String huge = "{\"query\":\"" + "x".repeat(70_000) + "\"}";
        Response r = given().contentType("application/json").body(huge.getBytes(StandardCharsets.UTF_8)).post("/graphql");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.jsonPath().getString("error")).isEqualTo("body_too_large");
    }

    @Test
    void schemaIsServedAsSdl_andGetRunsQueries() {
        String sdl = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        assertThat(sdl).contains("type Query").contains("stake(provider: String!, role: Int!, block: Long)");
        Response r = given().queryParam("query", "{ epochs(limit: 1) { items { epoch } next } }").get("/graphql");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.jsonPath().getInt("data.epochs.items[0].epoch")).isEqualTo(EPOCHS - 1);
        assertThat(r.jsonPath().getMap("$")).containsOnlyKeys("data");
        assertThat(given().get("/graphql/ui").then().statusCode(200).extract().asString()).contains("fetch('/graphql'")
                .doesNotContain("<script src");
    }

    @Test
    void graphqlAppearsInTheOpenApiDocument() throws Exception {
        JsonNode doc = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        assertThat(doc.path("paths").path("/graphql").has("post")).isTrue();
        assertThat(doc.path("paths").path("/graphql").has("get")).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private static Response query(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return given().contentType("application/json").body(body).post("/graphql");
    }

    private static JsonNode data(Response r) throws Exception {
        String s = r.asString();
        assertThat(r.statusCode()).as(s).isEqualTo(200);
        JsonNode j = JSON.readTree(s);
        assertThat(j.has("errors")).as(s).isFalse();
        return j.path("data");
    }

    private static void assertRefusal(Response r, int status, String code) {
        String s = r.asString();
        assertThat(r.statusCode()).as(s).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("error")).as(s).isEqualTo(code);
        assertThat(r.jsonPath().getString("message")).as(s).isNotBlank();
        assertThat(r.jsonPath().getList("errors")).as(s).isNotEmpty();
        assertThat(r.jsonPath().getString("errors[0].message")).as(s).isNotBlank();
    }

    /** REST leaves some null fields out where GraphQL answers null: compare without them. */
    private static JsonNode withoutNulls(JsonNode n) {
        JsonNode c = n.deepCopy();
        strip(c);
        return c;
    }

    private static void strip(JsonNode n) {
        if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            List<String> nulls = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    strip(e.getValue());
                }
            });
            o.remove(nulls);
        } else if (n.isArray()) {
            n.forEach(GraphqlApiTest::strip);
        }
    }

    private static Map<String, Object> vars(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static BigInteger octo(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    private static void ok(TransactionReceipt r) {
        assertThat(r.isStatusOK()).as("tx %s", r.getTransactionHash()).isTrue();
    }

    /** Proposes "set the reward activation delay to 7200" as a fresh account; returns the proposal id. */
    private static BigInteger propose(String description) throws Exception {
        DeploymentManifest m = GraphqlTestEnvironment.manifest;
        Credentials proposer = Credentials.create(Keys.createEcKeyPair());
        GraphqlTestEnvironment.anvil.call("anvil_setBalance", List.of(proposer.getAddress(), Numeric.toHexStringWithPrefix(E18.multiply(BigInteger.TEN))));
        Chain me = Chain.connect(GraphqlTestEnvironment.anvil.web3j(), DevAccounts.get(0)).as(proposer);
        OctoGovernor gov = OctoGovernor.load(m.address(DeploymentManifest.GOVERNOR), me.web3j(), me.txManager(), me.gas());
        List<String> targets = List.of(m.address(DeploymentManifest.REWARDS));
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calldatas = List.of(Numeric.hexStringToByteArray(FunctionEncoder.encode(
                new Function("setActivationDelay", List.of(new Uint256(7200)), List.of()))));
        ok(gov.propose(targets, values, calldatas, description).send());
        return gov.hashProposal(targets, values, calldatas, Hash.sha3(description.getBytes(StandardCharsets.UTF_8))).send();
    }

}
