package io.cipherocto.governance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BallotAcceptedTest {
    @Test
    void json_isWhatJacksonWrites() throws Exception {
        String id = UUID.randomUUID().toString();
        BallotAccepted a = new BallotAccepted(id, "queued", "/api/v1/governance/votes/" + id);

        assertThat(new ObjectMapper().readTree(a.json())).isEqualTo(new ObjectMapper().valueToTree(a));
    }
}
