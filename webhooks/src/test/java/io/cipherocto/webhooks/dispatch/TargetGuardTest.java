package io.cipherocto.webhooks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook targets: no private, local or reserved address unless allowed (SSRF). */
class TargetGuardTest {
    private final TargetGuard strict = new TargetGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/h", "http://localhost:8080/h", "http://10.1.2.3/h", "http://172.16.0.1/h",
            "http://192.168.1.1/h", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/h", "http://100.64.0.1/h",
            "http://198.18.0.1/h", "http://224.0.0.1/h", "http://255.255.255.255/h", "http://[::1]/h", "http://[fc00::1]/h",
            "http://[fe80::1]/h", "http://[::ffff:127.0.0.1]/h", "http://[::]/h", "http://2130706433/h"})
    void privateLocalAndReservedTargets_areRefused(String url) {
        assertThat(strict.refusal(URI.create(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/h", "http://1.1.1.1:8443/h", "https://[2606:4700:4700::1111]/h"})
    void publicAddresses_areAllowed(String url) {
        assertThat(strict.refusal(URI.create(url))).as(url).isEmpty();
    }

    @Test
    void aHostThatDoesNotResolve_isRefused() {
        assertThat(strict.refusal(URI.create("https://no-such-host.invalid/h"))).hasValueSatisfying(r ->
                assertThat(r).contains("does not resolve"));
    }

    @Test
    void allowingPrivateTargets_allowsEverything() {
        assertThat(TargetGuard.permissive().refusal(URI.create("http://127.0.0.1/h"))).isEmpty();
        assertThat(TargetGuard.permissive().refusal(URI.create("https://no-such-host.invalid/h"))).isEmpty();
    }
}
