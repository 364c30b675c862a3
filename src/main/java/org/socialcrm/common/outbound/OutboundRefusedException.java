package org.socialcrm.common.outbound;

/** An outbound call the deployment does not allow (a private, loopback or link-local address). */
public class OutboundRefusedException extends RuntimeException {

    public OutboundRefusedException(String message) {
        super(message, null, false, false);
    }
}
