package io.cipherocto.verifier.attestation;

import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.contracts.protocol.PassAttestations;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.verifier.runtime.VerifierService;
import io.cipherocto.verifier.work.WorkQueue;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pass attestations this verifier operator committed for an epoch: with them settlement, auditors and anyone else
 * recompute the root committed on chain ({@code passCommitment(epoch, verifier)}) and take the pass verdicts from
 * there, not from this server's word.
 */
@Path("/api/v1/verifier/epochs/{epoch}/passes")
@Tag(name = "verifier")
public class PassResource {
    @Inject
    VerifierService verifier;

    @Inject
    Pool pool;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This verifier's committed pass attestations of an epoch, in commitment order")
    @APIResponse(responseCode = "400", description = "invalid_epoch")
    @APIResponse(responseCode = "404", description = "epoch_not_attested: this verifier has not finished the epoch")
    @APIResponse(responseCode = "503", description = "verifier_off")
    public PassAttestations passes(@PathParam("epoch") long epoch) {
        if (epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        String me = verifier.address().orElseThrow(() -> ApiException.unavailable("verifier_off",
                "the verifier does not run on this node: " + verifier.offReason().orElse("starting")));
        var it = pool.preparedQuery("SELECT status FROM verifier.epochs WHERE epoch = $1").executeAndAwait(Tuple.of(epoch)).iterator();
        if (!it.hasNext() || !it.next().getString(0).equals("done")) {
            throw ApiException.notFound("epoch_not_attested", "this verifier has not attested epoch " + epoch + " yet");
        }
        var passes = new WorkQueue(pool).attestations(epoch).stream().filter(Attestation::passed).toList();
        return PassAttestations.of(epoch, me, passes);
    }
}
