package io.cipherocto.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which roles this process runs; background workers check it before starting. */
@ApplicationScoped
public class NodeRoles {
    private final Set<NodeRole> roles;

    public NodeRoles(@ConfigProperty(name = NodeRole.SETTING, defaultValue = NodeRole.ALL) String roles) {
        this.roles = NodeRole.parse(roles);
    }

    public boolean runs(NodeRole role) {
        return roles.contains(role);
    }

    public Set<NodeRole> all() {
        return Set.copyOf(roles);
    }
}
