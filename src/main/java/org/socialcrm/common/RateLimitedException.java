package org.socialcrm.common;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("RATE_LIMITED")
public class RateLimitedException extends ApiException {

    public RateLimitedException(String message) {
        super(message, null);
    }

    @Override
    public org.socialcrm.common.ErrorCode code() {
        return org.socialcrm.common.ErrorCode.RATE_LIMITED;
    }
}
