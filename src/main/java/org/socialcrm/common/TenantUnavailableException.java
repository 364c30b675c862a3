package org.socialcrm.common;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("TENANT_UNAVAILABLE")
public class TenantUnavailableException extends ApiException {

    public TenantUnavailableException(String message) {
        super(message, null);
    }

    @Override
    public org.socialcrm.common.ErrorCode code() {
        return org.socialcrm.common.ErrorCode.TENANT_UNAVAILABLE;
    }
}
