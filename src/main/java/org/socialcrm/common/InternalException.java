package org.socialcrm.common;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("INTERNAL")
public class InternalException extends ApiException {

    public InternalException(String message) {
        super(message, null);
    }

    @Override
    public org.socialcrm.common.ErrorCode code() {
        return org.socialcrm.common.ErrorCode.INTERNAL;
    }
}
