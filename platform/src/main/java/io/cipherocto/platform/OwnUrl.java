package io.cipherocto.platform;

import io.quarkus.runtime.LaunchMode;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * This node's own HTTP base URL on the loopback interface: the default where one role reads another's public API in
 * the same node (the verifier reads settlement's jobs, settlement reads the verifier's pass attestations), so that
 * roles meet through the API whether they run in one process or in several.
 */
public final class OwnUrl {
    private OwnUrl() {
    }

    /** {@code http://127.0.0.1:<port>}, the port read when called (a test's random port is known once the node runs). */
    public static String get() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
        return "http://127.0.0.1:" + port;
    }
}
