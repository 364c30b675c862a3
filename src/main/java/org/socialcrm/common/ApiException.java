package org.socialcrm.common;

/**
 * A failure the caller is meant to see: its message is safe to show (listed in show-error-message) and its code lands in
 * {@code extensions.code}. Everything else is reported
 * as INTERNAL with a generic message.
 */
public abstract class ApiException extends RuntimeException {

    private final String field;

    protected ApiException(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The input field at fault, for BAD_USER_INPUT; null otherwise. */
    public String field() {
        return field;
    }

    public abstract ErrorCode code();
}
