package io.cipherocto.indexer.sync;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.indexer.abi.EventCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The suite's addresses on one chain (from the deployment manifest) and the contract kind of each. */
public final class ContractSet {
    private final Map<String, String> kindByAddress;
    private final List<String> addresses;

    private ContractSet(Map<String, String> kindByAddress) {
        this.kindByAddress = Map.copyOf(kindByAddress);
        this.addresses = List.copyOf(new ArrayList<>(kindByAddress.keySet()));
    }

    public static ContractSet of(DeploymentManifest m) {
        Map<String, String> k = new HashMap<>();
        for (String kind : EventCatalog.CONTRACT_KINDS) {
            if (!kind.equals("RoleToken")) {
                m.find(kind).ifPresent(a -> k.put(a.toLowerCase(Locale.ROOT), kind));
            }
        }
        for (String a : m.roleTokens()) {
            k.put(a.toLowerCase(Locale.ROOT), "RoleToken");
        }
        if (k.isEmpty()) {
            throw new IllegalArgumentException("the deployment manifest names no contract");
        }
        return new ContractSet(k);
    }

    public Optional<String> kindOf(String address) {
        return Optional.ofNullable(kindByAddress.get(address.toLowerCase(Locale.ROOT)));
    }

    public List<String> addresses() {
        return addresses;
    }
}
