package io.cipherocto.node.cli;

import static io.cipherocto.node.cli.CliChain.octo;
import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.StakingManager;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** {@code octo provider} against anvil with the deployed suite. */
class ProviderCommandTest {
    private static CliChain chain;
    private static StakingManager staking;

    @BeforeAll
    static void start() {
        chain = new CliChain();
        staking = StakingManager.load(chain.manifest.address(DeploymentManifest.STAKING), chain.anvil.web3j(),
                chain.operator.txManager(), chain.operator.gas());
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static StakingManager.ProviderStake stakeOf(Credentials who, int role) throws Exception {
        return staking.providerStake(who.getAddress(), BigInteger.valueOf(role)).send();
    }

    @Test
    void register_registersTheKeyForTheRole_andRefusesASecondTime() throws Exception {
        Credentials provider = chain.newAccount(BigInteger.ZERO, BigInteger.ZERO);
        CliChain.Run r = chain.run(ProviderCommand::run, provider, "register", "--role", "storage");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CliChain.txLines(r.out())).isEqualTo(1);
        assertThat(stakeOf(provider, 1).registered).isTrue();

        BigInteger sent = chain.sent(provider.getAddress());
        CliChain.Run again = chain.run(ProviderCommand::run, provider, "register", "--role", "1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("refused, nothing sent").contains("already registered for role 1 (storage)");
        assertThat(chain.sent(provider.getAddress())).isEqualTo(sent);
    }

    @Test
    void stake_approvesBothTokensThenStakes_andTheBondedStakeIsRecorded() throws Exception {
        Credentials provider = chain.newAccount(octo(5_000), octo(1_000));
        assertThat(chain.run(ProviderCommand::run, provider, "register", "--role", "0").exit()).isZero();
        CliChain.Run r = chain.run(ProviderCommand::run, provider, "stake", "--role", "compute", "--octo", "2000octo",
                "--role-amount", "200000000000000000000");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CliChain.txLines(r.out())).as(r.out()).isEqualTo(3); // approve OCTO, approve the role token, stake
        StakingManager.ProviderStake s = stakeOf(provider, 0);
        assertThat(s.octo).isEqualTo(octo(2_000));
        assertThat(s.roleAmount).isEqualTo(octo(200));
        assertThat(chain.balance(chain.manifest.address(DeploymentManifest.OCTO), provider.getAddress())).isEqualTo(octo(3_000));

        CliChain.Run status = chain.run(ProviderCommand::run, provider, "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("role 0 (compute): registered").contains("bonded:    2000000000000000000000 wei OCTO");
    }

    @Test
    void stake_refuses_whenNotRegistered_andSendsNothing() throws Exception {
        Credentials provider = chain.newAccount(octo(5_000), octo(1_000));
        CliChain.Run r = chain.run(ProviderCommand::run, provider, "stake", "--role", "0", "--octo", "1000octo");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is not registered for role 0 (compute)");
        assertThat(chain.sent(provider.getAddress())).isZero();
    }

    @Test
    void stake_refuses_whenTheTokenBalanceIsShort_andSendsNothing() throws Exception {
        Credentials provider = chain.newAccount(octo(10), octo(10));
        assertThat(chain.run(ProviderCommand::run, provider, "register", "--role", "0").exit()).isZero();
        BigInteger sent = chain.sent(provider.getAddress());
        CliChain.Run r = chain.run(ProviderCommand::run, provider, "stake", "--role", "0", "--octo", "11octo");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("insufficient OCTO balance");
        assertThat(chain.sent(provider.getAddress())).isEqualTo(sent);
    }

    @Test
    void unbondThenWithdraw_refusesBeforeTheUnbondingPeriod_andPaysOutAfter() throws Exception {
        Credentials provider = chain.newAccount(octo(5_000), octo(1_000));
        assertThat(chain.run(ProviderCommand::run, provider, "register", "--role", "1").exit()).isZero();
        assertThat(chain.run(ProviderCommand::run, provider, "stake", "--role", "1", "--octo", "2000octo", "--role-amount",
                "200octo").exit()).isZero();

        CliChain.Run tooMuch = chain.run(ProviderCommand::run, provider, "unbond", "--role", "1", "--octo", "2001octo");
        assertThat(tooMuch.exit()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("insufficient bonded stake for role 1");
        CliChain.Run nothing = chain.run(ProviderCommand::run, provider, "withdraw", "--role", "1");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err()).contains("nothing unbonding for role 1");

        CliChain.Run unbond = chain.run(ProviderCommand::run, provider, "unbond", "--role", "1", "--octo", "500octo",
                "--role-amount", "50octo");
        assertThat(unbond.exit()).as(unbond.err()).isZero();
        assertThat(unbond.out()).contains("requested unbonding").contains("withdrawable from");
        assertThat(staking.unbonding(provider.getAddress(), BigInteger.ONE).send().octo).isEqualTo(octo(500));

        BigInteger sent = chain.sent(provider.getAddress());
        CliChain.Run early = chain.run(ProviderCommand::run, provider, "withdraw", "--role", "1");
        assertThat(early.exit()).isEqualTo(1);
        assertThat(early.err()).contains("unbonding not yet withdrawable");
        assertThat(chain.sent(provider.getAddress())).isEqualTo(sent);

        chain.increaseTime(301);
        CliChain.Run paid = chain.run(ProviderCommand::run, provider, "withdraw", "--role", "1");
        assertThat(paid.exit()).as(paid.err()).isZero();
        assertThat(CliChain.txLines(paid.out())).isEqualTo(1);
        assertThat(chain.balance(chain.manifest.address(DeploymentManifest.OCTO), provider.getAddress())).isEqualTo(octo(3_500));
        assertThat(chain.balance(chain.manifest.roleToken(1), provider.getAddress())).isEqualTo(octo(850));
        assertThat(stakeOf(provider, 1).octo).isEqualTo(octo(1_500));
    }

    @Test
    void unknownRole_isAUsageError() {
        Credentials provider = chain.newAccount(BigInteger.ZERO, BigInteger.ZERO);
        CliChain.Run r = chain.run(ProviderCommand::run, provider, "register", "--role", "8");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not a role");
    }
}
