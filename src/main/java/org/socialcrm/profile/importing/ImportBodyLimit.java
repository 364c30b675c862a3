package org.socialcrm.profile.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * quarkus.http.limits.max-body-size is sized for import files; every other request declaring a larger body than
 * {@code scrm.imports.other-max-body-bytes} is answered 413 before its body is read.
 */
@ApplicationScoped
public class ImportBodyLimit {

    private final ImportConfig config;

    public ImportBodyLimit(ImportConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && !rc.normalizedPath().startsWith("/api/imports") && tooLarge(length)) {
                rc.response().setStatusCode(413).end();
                return;
            }
            rc.next();
        }, 1000);
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > config.otherMaxBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
