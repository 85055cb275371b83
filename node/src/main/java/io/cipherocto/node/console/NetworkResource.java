package io.cipherocto.node.console;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.chain.ChainAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/network}: the chain and the contract addresses this node works with (its deployment manifest),
 * for wallets and the console, which read and send to the contracts through the user's own wallet.
 */
@Path("/api/v1/network")
@Tag(name = "console")
public class NetworkResource {
    @Inject
    ChainAccess chain;

    /** What a client needs to talk to the suite: chain id, contracts by name, role tokens by role, epoch timing. */
    public record NetworkView(long chainId, Map<String, String> contracts, List<String> roleTokens, long deployBlock,
            long epochGenesisBlock, long epochLength) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The chain id and the suite's contract addresses (the node's deployment manifest)")
    @APIResponse(responseCode = "503", description = "manifest_unavailable: the node has no deployment manifest (octo.manifest)")
    public NetworkView get() {
        DeploymentManifest m = chain.findManifest().orElseThrow(() -> ApiException.unavailable("manifest_unavailable",
                "this node has no readable deployment manifest (octo.manifest, env OCTO_MANIFEST)"));
        return new NetworkView(m.chainId(), m.contracts(), m.roleTokens(), m.deployBlock(), m.epochGenesisBlock(), m.epochLength());
    }
}
