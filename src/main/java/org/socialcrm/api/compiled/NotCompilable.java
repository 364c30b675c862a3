package org.socialcrm.api.compiled;

/** The read is outside what compiles to one statement; it goes the general way (graphql-java's field by field). */
final class NotCompilable extends RuntimeException {

    NotCompilable(String reason) {
        super(reason, null, false, false);
    }
}
