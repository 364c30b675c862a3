package org.socialcrm.common;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/** Turns anything that is not an {@link ApiException} into INTERNAL, logging the cause server-side only. */
public final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class);

    private Failures() {
    }

    public static Throwable toApi(Throwable failure) {
        if (failure instanceof ApiException) {
            return failure;
        }
        if (failure.getCause() instanceof ApiException api) {
            return api;
        }
        String ref = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 10);
        LOG.errorf(failure, "Internal error (ref %s)", ref);
        return new InternalException("Internal error (ref " + ref + ")");
    }

    public static <T> Uni<T> guard(Uni<T> uni) {
        return uni.onFailure().transform(Failures::toApi);
    }
}
