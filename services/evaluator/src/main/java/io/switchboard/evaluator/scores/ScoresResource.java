package io.switchboard.evaluator.scores;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import io.switchboard.evaluator.api.NotFound;

/** Internal API: the stored scores of one job. A job not scored (yet, or not sampled) answers 404. */
@Path("/internal/scores")
@Produces(MediaType.APPLICATION_JSON)
public class ScoresResource {

    private final ScoreStore store;

    ScoresResource(ScoreStore store) {
        this.store = store;
    }

    @GET
    @Path("/{jobId}")
    public Uni<ScoreList> scores(@RestPath String jobId) {
        return store.scoresOf(jobId)
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new NotFound("No scores found for job '" + jobId + "'.");
                    }
                    return ScoreList.of(jobId, rows);
                });
    }
}
