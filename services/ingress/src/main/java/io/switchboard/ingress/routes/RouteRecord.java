package io.switchboard.ingress.routes;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The route of a model alias as the admin API last set it; written and read with SQL by
 * {@link RouteStore} (the entity only declares the table). A deleted route keeps its row, without a
 * definition, so that its alias's versions keep growing if it is defined again.
 */
@Entity
@Table(name = "routes")
public class RouteRecord {

    @Id
    @Column(length = 256)
    public String alias;

    /** The version of the last change, taken from the sequence {@code route_versions}. */
    @Column(nullable = false)
    public long version;

    /** The {@code RouteDefinition} as published (JSON); null once deleted. Holds credential names only. */
    @Column(columnDefinition = "text")
    public String definition;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
