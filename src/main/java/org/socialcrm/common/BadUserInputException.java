package org.socialcrm.common;

import io.smallrye.graphql.api.ErrorCode;

/** Invalid input; names the offending field (also in {@code extensions.field}). */
@ErrorCode("BAD_USER_INPUT")
public class BadUserInputException extends ApiException {

    public BadUserInputException(String field, String message) {
        super(field + ": " + message, field);
    }

    @Override
    public org.socialcrm.common.ErrorCode code() {
        return org.socialcrm.common.ErrorCode.BAD_USER_INPUT;
    }
}
