package io.cipherocto.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.webhooks.dispatch.DispatcherSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The retry schedule: base x 2^(attempts-1), capped, less at most a fifth of jitter. */
class RetryBackoffTest {
    private static final DispatcherSettings DEFAULTS = new DispatcherSettings(Duration.ofSeconds(2), 3600,
            Duration.ofSeconds(10), Duration.ofHours(1), 12, Duration.ofSeconds(10), 50, Optional.empty());

    @Test
    void retryDelay_doublesFromTheBase_upToTheCap_withJitterOfAtMostAFifth() {
        Random random = new Random(7);
        long[] nominal = {10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000, 2_560_000, 3_600_000,
                3_600_000};
        for (int attempts = 1; attempts <= nominal.length; attempts++) {
            for (int i = 0; i < 50; i++) {
                long d = DEFAULTS.retryDelayMillis(attempts, random);
                long n = nominal[attempts - 1];
                assertThat(d).as("after %d attempts", attempts).isBetween(n - n / 5, n);
            }
        }
        assertThat(DEFAULTS.retryDelayMillis(1_000, random)).isBetween(2_880_000L, 3_600_000L); // no overflow
    }

    @Test
    void settings_refuseNonsense() {
        assertThatThrownBy(() -> new DispatcherSettings(Duration.ofSeconds(2), 3600, Duration.ofHours(2), Duration.ofHours(1),
                12, Duration.ofSeconds(10), 50, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DispatcherSettings(Duration.ofSeconds(2), 3600, Duration.ofSeconds(10),
                Duration.ofHours(1), 0, Duration.ofSeconds(10), 50, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
