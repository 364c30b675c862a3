package org.socialcrm.common;

/**
 * A transaction lost a race that running it again resolves: what it read before writing was changed by another
 * transaction that committed meanwhile, and it rolled back rather than write on. Mutations run again (a few times)
 * when their unit of work fails with one of these; only if every attempt loses does the caller see an error.
 */
public class RetryableConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected RetryableConflict(String message) {
        super(message, null, false, false);
    }

    /** Whether {@code failure} or one of its causes is a conflict worth running again. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryableConflict) {
                return true;
            }
        }
        return false;
    }
}
