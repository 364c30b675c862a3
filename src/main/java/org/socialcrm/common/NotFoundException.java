package org.socialcrm.common;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("NOT_FOUND")
public class NotFoundException extends ApiException {

    public NotFoundException(String message) {
        super(message, null);
    }

    @Override
    public org.socialcrm.common.ErrorCode code() {
        return org.socialcrm.common.ErrorCode.NOT_FOUND;
    }
}
