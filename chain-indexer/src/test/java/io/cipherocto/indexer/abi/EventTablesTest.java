package io.cipherocto.indexer.abi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.chain.events.EventCatalog;
import org.junit.jupiter.api.Test;

class EventTablesTest {
    private static final EventCatalog CATALOG = EventCatalog.suite();

    @Test
    void everyCatalogEvent_hasItsOwnTable_namedAfterContractAndEventInSnakeCase() {
        assertThat(CATALOG.all()).extracting(EventTables::name).doesNotHaveDuplicates();
        assertThat(EventTables.qualified(CATALOG.of("OctoToken").get("Transfer"))).isEqualTo("indexer.octo_token_transfer");
        assertThat(EventTables.qualified(CATALOG.of("AttestationRegistry").get("FailAttestationAccepted")))
                .isEqualTo("indexer.attestation_registry_fail_attestation_accepted");
    }
}
