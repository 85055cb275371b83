package io.cipherocto.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Advisory lock keys: one derivation, stable values, no two scopes sharing a key for the same id. */
class LockScopeTest {
    private static final String ADDRESS = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    /** Values computed independently (js-sha3 keccak256 of "<scope>:<id>", first 8 bytes as a signed bigint). */
    @Test
    void keys_areTheFirst8BytesOfKeccak256OfScopeColonId() {
        assertThat(LockScope.INDEXER_WRITER.key(31337)).isEqualTo(-116454463911871021L); // 0xfe62454836063dd3
        assertThat(LockScope.SETTLEMENT_WRITER.key(31337)).isEqualTo(-7837923967199745668L); // 0x933a19adce89e97c
        assertThat(LockScope.SETTLEMENT_ESCROW.key(ADDRESS)).isEqualTo(6015103187194816030L); // 0x5379f07ab811261e
        assertThat(LockScope.SETTLEMENT_EPOCH.key(7)).isEqualTo(1575801413591170624L); // 0x15de5f0965a8fe40
        assertThat(LockScope.GOVERNANCE_RELAYER.key(ADDRESS)).isEqualTo(881563768712819977L); // 0x0c3bf193b0fb7509
        assertThat(LockScope.WEBHOOK_DISPATCHER.key("webhooks")).isEqualTo(532313132356112429L); // 0x076327f93b5c902d
    }

    @Test
    void distinctScopes_giveDistinctKeys_forTheSameId() {
        long[] keys = Arrays.stream(LockScope.values()).mapToLong(s -> s.key("31337")).toArray();
        assertThat(Arrays.stream(keys).distinct().count()).isEqualTo(LockScope.values().length);
        assertThat(LockScope.SETTLEMENT_EPOCH.key(31337)).isEqualTo(6402170032727488518L);
        assertThat(LockScope.SETTLEMENT_ESCROW.key("31337")).isEqualTo(4000386446812447602L);
        assertThat(LockScope.GOVERNANCE_RELAYER.key("31337")).isEqualTo(5293655632210825575L);
    }

    @Test
    void scopeNames_areDistinct() {
        assertThat(Arrays.stream(LockScope.values()).map(LockScope::scope).distinct().count())
                .isEqualTo(LockScope.values().length);
    }

    @Test
    void numericId_isHashedAsItsDecimalText() {
        assertThat(LockScope.SETTLEMENT_EPOCH.key(42)).isEqualTo(LockScope.SETTLEMENT_EPOCH.key("42"));
        assertThat(LockScope.INDEXER_WRITER.key(1)).isNotEqualTo(LockScope.INDEXER_WRITER.key(2));
    }
}
