package io.switchboard.ingress.batch;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.ingress.files.FileStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Takes a batch from validating to in_progress: reads its input file and stores each line, accepted or
 * rejected, in one transaction under the batch's row lock, so that only one replica validates it. The
 * batch fails as a whole only when its file holds no requests, or too many.
 */
@ApplicationScoped
class BatchValidation {

    private static final Logger LOG = Logger.getLogger(BatchValidation.class);

    private final Pool pool;
    private final BatchStore batches;
    private final RequestStore requests;
    private final FileStore files;
    private final BatchInputParser parser;

    BatchValidation(Pool pool, BatchStore batches, RequestStore requests, FileStore files, BatchInputParser parser) {
        this.pool = pool;
        this.batches = batches;
        this.requests = requests;
        this.files = files;
        this.parser = parser;
    }

    Uni<Void> validate(ActiveBatch candidate) {
        return pool.withTransaction(transaction -> batches.lock(transaction, candidate.id(), "validating")
                .chain(batch -> batch == null ? Uni.createFrom().voidItem() : validateLocked(transaction, batch)));
    }

    private Uni<Void> validateLocked(SqlConnection transaction, ActiveBatch batch) {
        return files.content(transaction, batch.inputFileId(), batch.tenantId()).chain(content -> {
            if (content == null) {
                return batches.fail(transaction, batch.id(), List.of(new BatchObject.Error("file_not_found",
                        "The input file " + batch.inputFileId() + " no longer exists.", "input_file_id", null)));
            }
            // Parsing a large file takes a while: not on the event loop.
            return Uni.createFrom().item(() -> parser.parse(content, batch.endpoint(), batch.tenantId()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(input -> input.unusable() != null
                            ? batches.fail(transaction, batch.id(), List.of(input.unusable()))
                            : start(transaction, batch, input.lines()));
        });
    }

    private Uni<Void> start(SqlConnection transaction, ActiveBatch batch, List<InputLine> lines) {
        long rejected = lines.stream().filter(line -> !line.isAccepted()).count();
        LOG.infof("batch %s of tenant %s validated: %d requests, %d of them rejected", batch.id(), batch.tenantId(),
                lines.size(), rejected);
        return requests.insert(transaction, batch.id(), lines)
                .chain(() -> batches.startProgress(transaction, batch.id(), lines.size()))
                .chain(() -> batches.recount(transaction, batch.id()))
                .replaceWithVoid();
    }
}
