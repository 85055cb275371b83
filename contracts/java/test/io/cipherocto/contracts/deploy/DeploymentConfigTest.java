package io.cipherocto.contracts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The production profile refuses unsafe operational settings unless the development profile is chosen. */
class DeploymentConfigTest {
    private static final String DEPLOYER = "0x1111111111111111111111111111111111111111";
    private static final String A = "0x2222222222222222222222222222222222222222";
    private static final String B = "0x3333333333333333333333333333333333333333";
    private static final String C = "0x4444444444444444444444444444444444444444";

    @Test
    void resolve_refusesTheProductionDefaults_namingEachUnsafeSetting() {
        assertThatThrownBy(() -> DeploymentConfig.defaults().resolve(DEPLOYER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the deployer as settlement operator")
                .hasMessageContaining("the deployer as verifier")
                .hasMessageContaining("a verifier quorum below 2")
                .hasMessageContaining("no guardian")
                .hasMessageContaining("--dev");
    }

    @Test
    void resolve_refusesTheDeployerAsVerifier_evenAmongOthers() {
        DeploymentConfig c = safe();
        c.verifiers = List.of(A, DEPLOYER.toUpperCase().replace("0X", "0x"));
        assertThatThrownBy(() -> c.resolve(DEPLOYER)).hasMessageContaining("the deployer as verifier");
    }

    @Test
    void resolve_acceptsASafeProductionConfig() {
        DeploymentConfig c = safe().resolve(DEPLOYER);
        assertThat(c.unsafeSettings(DEPLOYER)).isEmpty();
    }

    @Test
    void resolve_acceptsUnsafeSettings_inTheDevelopmentProfile() {
        DeploymentConfig c = DeploymentConfig.dev().resolve(DEPLOYER);
        assertThat(c.settlementOperators).containsExactly(DEPLOYER);
        assertThat(c.unsafeSettings(DEPLOYER)).hasSize(4);
    }

    private static DeploymentConfig safe() {
        DeploymentConfig c = DeploymentConfig.defaults();
        c.settlementOperators = List.of(A);
        c.verifiers = List.of(B, C);
        c.verifierQuorum = 2;
        c.guardians = List.of(A);
        return c;
    }
}
