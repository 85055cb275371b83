package io.cipherocto.node.cli;

import static io.cipherocto.node.cli.CliChain.octo;
import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.PaymentEscrow;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/** {@code octo escrow} against anvil with the deployed suite. */
class EscrowCommandTest {
    private static CliChain chain;
    private static String octoToken;
    private static String escrowAddress;

    @BeforeAll
    static void start() {
        chain = new CliChain();
        octoToken = chain.manifest.address(DeploymentManifest.OCTO);
        escrowAddress = chain.manifest.address(DeploymentManifest.ESCROW);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static BigInteger escrowBalance(String who) throws Exception {
        return PaymentEscrow.load(escrowAddress, chain.anvil.web3j(), chain.operator.txManager(), chain.operator.gas())
                .balanceOf(who).send();
    }

    @Test
    void deposit_approvesThenDeposits_andTheEscrowBalanceRisesByTheAmount() throws Exception {
        Credentials requester = chain.newAccount(octo(500), BigInteger.ZERO);
        CliChain.Run r = chain.run(EscrowCommand::run, requester, "deposit", "120.5octo");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CliChain.txLines(r.out())).as(r.out()).isEqualTo(2); // the approval, then the deposit
        assertThat(r.out()).contains("approved " + escrowAddress).contains("deposited 120500000000000000000 wei (120.5 OCTO)");
        assertThat(escrowBalance(requester.getAddress())).isEqualTo(new BigInteger("120500000000000000000"));
        assertThat(chain.balance(octoToken, requester.getAddress())).isEqualTo(new BigInteger("379500000000000000000"));
    }

    @Test
    void deposit_withAKeystoreFile_signsWithItsKey() throws Exception {
        Credentials requester = chain.newAccount(octo(10), BigInteger.ZERO);
        Path dir = Files.createTempDirectory("octo-keystore");
        String file = WalletUtils.generateWalletFile("s3cret", requester.getEcKeyPair(), dir.toFile(), false);
        CliChain.Run r = chain.runWithEnv(EscrowCommand::run, Map.of(Signer.PASSWORD_ENV, "s3cret"), "deposit", "7",
                "--keystore", dir.resolve(file).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(escrowBalance(requester.getAddress())).isEqualTo(BigInteger.valueOf(7));
    }

    @Test
    void deposit_refuses_whenTheBalanceIsShort_andSendsNothing() throws Exception {
        Credentials requester = chain.newAccount(octo(5), BigInteger.ZERO);
        CliChain.Run r = chain.run(EscrowCommand::run, requester, "deposit", "6octo");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refused, nothing sent: insufficient OCTO balance");
        assertThat(chain.sent(requester.getAddress())).isZero();
    }

    @Test
    void deposit_withMoreThan18Decimals_isAUsageError() throws Exception {
        Credentials requester = chain.newAccount(octo(5), BigInteger.ZERO);
        CliChain.Run r = chain.run(EscrowCommand::run, requester, "deposit", "1.0000000000000000001octo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("more than 18 decimals");
        assertThat(chain.sent(requester.getAddress())).isZero();
    }

    @Test
    void withdraw_requestsThenPaysOut_afterTheDelay_andRefusesBefore() throws Exception {
        Credentials requester = chain.newAccount(octo(100), BigInteger.ZERO);
        assertThat(chain.run(EscrowCommand::run, requester, "deposit", "100octo").exit()).isZero();

        CliChain.Run tooMuch = chain.run(EscrowCommand::run, requester, "withdraw", "101octo");
        assertThat(tooMuch.exit()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("insufficient escrow balance");
        CliChain.Run nothingRequested = chain.run(EscrowCommand::run, requester, "withdraw");
        assertThat(nothingRequested.exit()).isEqualTo(1);
        assertThat(nothingRequested.err()).contains("no withdrawal requested");

        CliChain.Run request = chain.run(EscrowCommand::run, requester, "withdraw", "40octo");
        assertThat(request.exit()).as(request.err()).isZero();
        assertThat(CliChain.txLines(request.out())).isEqualTo(1);
        BigInteger sentBefore = chain.sent(requester.getAddress());
        CliChain.Run early = chain.run(EscrowCommand::run, requester, "withdraw");
        assertThat(early.exit()).isEqualTo(1);
        assertThat(early.err()).contains("not withdrawable yet");
        assertThat(chain.sent(requester.getAddress())).isEqualTo(sentBefore);

        chain.increaseTime(121);
        CliChain.Run paid = chain.run(EscrowCommand::run, requester, "withdraw");
        assertThat(paid.exit()).as(paid.err()).isZero();
        assertThat(paid.out()).contains("withdrew 40000000000000000000 wei (40 OCTO) from the escrow: tx 0x");
        assertThat(escrowBalance(requester.getAddress())).isEqualTo(octo(60));
        assertThat(chain.balance(octoToken, requester.getAddress())).isEqualTo(octo(40));

        CliChain.Run status = chain.run(EscrowCommand::run, requester, "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("balance 60000000000000000000 wei (60 OCTO)");
    }
}
