package io.switchboard.ingress.files;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Files in PostgreSQL. Every read names the tenant, so another tenant's file is simply not found.
 * Methods taking a {@link SqlClient} run on the caller's connection, inside the caller's transaction.
 */
@ApplicationScoped
public class FileStore {

    private static final String INSERT = """
            INSERT INTO files (id, tenant_id, filename, purpose, bytes, content, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING created_at""";
    private static final String METADATA = "SELECT id, bytes, created_at, filename, purpose FROM files";
    // A cursor names a file of the same tenant; an unknown one yields an empty page, not the first.
    private static final String PAGE = METADATA + """
             WHERE tenant_id = $1 AND ($2::text IS NULL OR purpose = $2)
              AND ($3::text IS NULL OR (created_at, id) %s (SELECT created_at, id FROM files WHERE id = $3 AND tenant_id = $1))
            ORDER BY created_at %s, id %s LIMIT $4""";
    private static final String PAGE_NEWEST_FIRST = PAGE.formatted("<", "DESC", "DESC");
    private static final String PAGE_OLDEST_FIRST = PAGE.formatted(">", "ASC", "ASC");

    private final Pool pool;

    FileStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<FileObject> create(String tenantId, String filename, String purpose, byte[] content) {
        return insert(pool, tenantId, filename, purpose, content);
    }

    public Uni<FileObject> insert(SqlClient client, String tenantId, String filename, String purpose, byte[] content) {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "");
        return client.preparedQuery(INSERT)
                .execute(Tuple.of(id, tenantId, filename, purpose).addLong((long) content.length)
                        .addBuffer(Buffer.buffer(content)))
                .map(rows -> FileObject.of(id, content.length, epochSeconds(rows.iterator().next(), "created_at"),
                        filename, purpose));
    }

    /** The tenant's file, or null. */
    public Uni<FileObject> find(String id, String tenantId) {
        return find(pool, id, tenantId);
    }

    public Uni<FileObject> find(SqlClient client, String id, String tenantId) {
        return client.preparedQuery(METADATA + " WHERE id = $1 AND tenant_id = $2").execute(Tuple.of(id, tenantId))
                .map(rows -> rows.size() == 0 ? null : toFile(rows.iterator().next()));
    }

    /** The bytes of the tenant's file, or null. */
    public Uni<byte[]> content(String id, String tenantId) {
        return content(pool, id, tenantId);
    }

    public Uni<byte[]> content(SqlClient client, String id, String tenantId) {
        return client.preparedQuery("SELECT content FROM files WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBuffer("content").getBytes());
    }

    /**
     * A page of the tenant's files, optionally of one purpose, starting after the file {@code after}.
     * Fetches one more than asked, so that the caller can tell whether there is a next page.
     */
    public Uni<List<FileObject>> page(String tenantId, String purpose, String after, int limit, boolean newestFirst) {
        return pool.preparedQuery(newestFirst ? PAGE_NEWEST_FIRST : PAGE_OLDEST_FIRST)
                .execute(Tuple.of(tenantId, purpose, after, limit + 1))
                .map(rows -> {
                    List<FileObject> files = new ArrayList<>(rows.size());
                    rows.forEach(row -> files.add(toFile(row)));
                    return files;
                });
    }

    private static FileObject toFile(Row row) {
        return FileObject.of(row.getString("id"), row.getLong("bytes"), epochSeconds(row, "created_at"),
                row.getString("filename"), row.getString("purpose"));
    }

    private static long epochSeconds(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at.toEpochSecond();
    }
}
