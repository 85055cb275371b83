package io.cipherocto.indexer.sync;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.platform.kernel.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The suite's addresses on one chain (from the deployment manifest) and the contract kind of each. */
public final class ContractSet {
    private final List<String> addresses;
    private final List<String> kinds;
    private final byte[][] addressBytes;

    private ContractSet(List<String> addresses, List<String> kinds) {
        this.addresses = List.copyOf(addresses);
        this.kinds = List.copyOf(kinds);
        this.addressBytes = addresses.stream().map(Hex::decode).toArray(byte[][]::new);
    }

    public static ContractSet of(DeploymentManifest m) {
        List<String> addresses = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (String kind : EventCatalog.CONTRACT_KINDS) {
            if (!kind.equals("RoleToken")) {
                m.find(kind).ifPresent(a -> add(addresses, kinds, a, kind));
            }
        }
        for (String a : m.roleTokens()) {
            add(addresses, kinds, a, "RoleToken");
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("the deployment manifest names no contract");
        }
        return new ContractSet(addresses, kinds);
    }

    private static void add(List<String> addresses, List<String> kinds, String address, String kind) {
        String a = address.toLowerCase(Locale.ROOT);
        int i = addresses.indexOf(a);
        if (i >= 0) {
            kinds.set(i, kind);
        } else {
            addresses.add(a);
            kinds.add(kind);
        }
    }

    public Optional<String> kindOf(String address) {
        int i = addresses.indexOf(address.toLowerCase(Locale.ROOT));
        return i < 0 ? Optional.empty() : Optional.of(kinds.get(i));
    }

    /** The position of a 20-byte address in {@link #addresses()}, or -1. */
    public int indexOf(byte[] address) {
        for (int i = 0; i < addressBytes.length; i++) {
            if (Arrays.equals(addressBytes[i], address)) {
                return i;
            }
        }
        return -1;
    }

    /** The contract kind of {@code addresses().get(i)}. */
    public String kindAt(int i) {
        return kinds.get(i);
    }

    public List<String> addresses() {
        return addresses;
    }
}
