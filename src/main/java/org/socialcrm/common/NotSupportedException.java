package org.socialcrm.common;

import io.smallrye.graphql.api.ErrorCode;

/** The operation needs something this deployment lacks (e.g. moving a tenant needs a Citus cluster). */
@ErrorCode("NOT_SUPPORTED")
public class NotSupportedException extends ApiException {

    public NotSupportedException(String message) {
        super(message, null);
    }

    @Override
    public org.socialcrm.common.ErrorCode code() {
        return org.socialcrm.common.ErrorCode.NOT_SUPPORTED;
    }
}
