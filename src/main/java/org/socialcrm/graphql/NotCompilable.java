package org.socialcrm.graphql;

/** The read is outside what compiles to one statement; it goes the general way (graphql-java's field by field). */
public final class NotCompilable extends RuntimeException {

    public NotCompilable(String reason) {
        super(reason, null, false, false);
    }
}
