package org.socialcrm.common;


/**
 * The database cannot be reached right now: GraphQL answers {@code extensions.code = SERVICE_UNAVAILABLE} at once
 * instead of waiting; REST answers 503.
 */
@io.smallrye.graphql.api.ErrorCode("SERVICE_UNAVAILABLE")
public class ServiceUnavailableException extends ApiException {

    public ServiceUnavailableException(String message) {
        super(message, null);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.SERVICE_UNAVAILABLE;
    }
}
