package org.socialcrm.common.outbound;

/** An outbound call refused by {@link OutboundPolicy}. The message never names the address (it may be internal). */
public class OutboundRefusedException extends RuntimeException {

    public OutboundRefusedException(String message) {
        super(message, null, false, false);
    }
}
