package io.switchboard.ingress.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tenants' read-only endpoint under {@code /v1} that also answers the admin credential, over every tenant (the
 * quality reads: "tenant-scoped, admins see all"). Everywhere else under {@code /v1} the admin credential is not a key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AdminReadable {
}
