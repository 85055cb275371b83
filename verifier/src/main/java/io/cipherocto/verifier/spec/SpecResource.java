package io.cipherocto.verifier.spec;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Hex;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Job specs by hash: requesters or providers upload the canonical spec of every job they put in a receipt, so that a
 * verifier can re-execute it when it is sampled. A receipt whose spec is missing cannot be verified.
 */
@Path("/api/v1/specs")
@Tag(name = "specs", description = "job specs by hash, for re-execution")
@Produces(MediaType.APPLICATION_JSON)
public class SpecResource {
    private static final int MAX_SPEC_BYTES = 64 * 1024;

    @Inject
    Pool pool;

    /** The upload body. */
    public record SpecUpload(String spec) {}

    @PUT
    @Path("/{specHash}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a job spec (canonical bytes, 0x-hex) under its keccak256 hash")
    public Response put(@PathParam("specHash") String specHash, SpecUpload body) {
        byte[] hash = bytes32(specHash);
        if (body == null || body.spec() == null) {
            throw ApiException.badRequest("invalid_field", "body must be {\"spec\": \"0x...canonical spec bytes\"}");
        }
        String hex = body.spec().startsWith("0x") ? body.spec().substring(2) : body.spec();
        if (hex.length() > 2 * MAX_SPEC_BYTES) {
            throw ApiException.payloadTooLarge("body_too_large", "a spec is at most " + MAX_SPEC_BYTES + " bytes");
        }
        byte[] spec;
        try {
            spec = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_field", "spec is not hex");
        }
        try {
            SpecStore.Put r = new SpecStore(pool).put(hash, spec);
            return Response.status(r == SpecStore.Put.STORED ? 201 : 200)
                    .entity(Map.of("specHash", Hex.encode(hash), "status", r.name().toLowerCase())).build();
        } catch (IllegalArgumentException e) {
            String code = e.getMessage() != null && e.getMessage().contains("specHash") ? "spec_hash_mismatch" : "invalid_spec";
            throw ApiException.badRequest(code, e.getMessage());
        }
    }

    @GET
    @Path("/{specHash}")
    @Operation(summary = "The canonical spec stored under a hash")
    public Map<String, String> get(@PathParam("specHash") String specHash) {
        byte[] hash = bytes32(specHash);
        return new SpecStore(pool).get(hash).map(s -> Map.of("specHash", Hex.encode(hash),
                "spec", Hex.encode(s.encode())))
                .orElseThrow(() -> ApiException.notFound("unknown_spec", "no spec stored under " + specHash));
    }

    private static byte[] bytes32(String s) {
        try {
            return Hex.decode(s, 32);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_field", "specHash must be 32 bytes of 0x-hex");
        }
    }
}
