package io.cipherocto.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.platform.NodeRole;
import org.junit.jupiter.api.Test;

/** Each API path belongs to the role that serves it; paths outside the role APIs belong to none. */
class RoleApisTest {
    @Test
    void eachRolesApiPaths_mapToThatRole() {
        assertThat(RoleApis.roleOf("/api/v1/receipts")).contains(NodeRole.SETTLEMENT);
        assertThat(RoleApis.roleOf("/api/v1/epochs/3/jobs")).contains(NodeRole.SETTLEMENT);
        assertThat(RoleApis.roleOf("/api/v1/audit/epochs/3/verify")).contains(NodeRole.SETTLEMENT);
        assertThat(RoleApis.roleOf("/api/v1/audit/events")).contains(NodeRole.SETTLEMENT);
        assertThat(RoleApis.roleOf("/api/v1/governance/votes")).contains(NodeRole.GOVERNANCE);
        assertThat(RoleApis.roleOf("/api/v1/verifier/cosign")).contains(NodeRole.VERIFIER);
        assertThat(RoleApis.roleOf("api/v1/specs/0x12")).contains(NodeRole.VERIFIER);
        assertThat(RoleApis.roleOf("/api/v1/webhooks/3f1c/deliveries")).contains(NodeRole.WEBHOOKS);
    }

    @Test
    void otherPaths_andLookalikePrefixes_belongToNoRole() {
        assertThat(RoleApis.roleOf("/q/health/ready")).isEmpty();
        assertThat(RoleApis.roleOf("/api/v1/receiptsX")).isEmpty();
        assertThat(RoleApis.roleOf("/api/v1")).isEmpty();
    }
}
