package org.socialcrm.common;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("TENANT_REQUIRED")
public class TenantRequiredException extends ApiException {

    public TenantRequiredException(String message) {
        super(message, null);
    }

    @Override
    public org.socialcrm.common.ErrorCode code() {
        return org.socialcrm.common.ErrorCode.TENANT_REQUIRED;
    }
}
