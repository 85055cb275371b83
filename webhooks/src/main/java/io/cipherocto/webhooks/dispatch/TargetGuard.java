package io.cipherocto.webhooks.dispatch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Server-side request forgery guard for webhook targets: a subscription's URL must not lead the node to its own
 * network. Refused unless {@code octo.webhooks.allow-private-targets} is true (development: receivers on localhost):
 * a host that resolves to any loopback, unspecified, link-local (cloud metadata at 169.254.169.254 among them), private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), benchmarking (198.18/15), multicast or
 * reserved (0/8, 240/4) address, an IPv4-mapped IPv6 form of one included. Checked when a subscription is created and
 * again before each delivery attempt (a name may be pointed elsewhere later).
 *
 * <p>Left open, by design of {@code java.net.http}: the HTTP client resolves the name again when it connects, so a name
 * answering a public address to the check and a private one to the connection (DNS rebinding within the TTL) is not
 * caught. Redirects are never followed.
 */
public final class TargetGuard {
    private final boolean allowPrivate;

    public TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Every target allowed (development and tests). */
    public static TargetGuard permissive() {
        return new TargetGuard(true);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Why this URL's host may not be called, or empty when it may. */
    public Optional<String> refusal(URI url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("url has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                return Optional.of("host " + host + " resolves to " + a.getHostAddress() + ", a private, local or reserved "
                        + "address (octo.webhooks.allow-private-targets is false)");
            }
        }
        return Optional.empty();
    }

    /** Whether an address is a public unicast address. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if (isMappedV4(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // 0.0.0.0/8 "this network"
                    && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15 benchmarking
                    && first < 240; // 240.0.0.0/4 reserved, broadcast
        }
        return false;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
