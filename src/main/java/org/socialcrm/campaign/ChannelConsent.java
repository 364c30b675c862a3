package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import org.socialcrm.common.ContactChannel;

/** The consent channel a touchpoint channel reaches the person on; null for channels that do not address them. */
final class ChannelConsent {

    private ChannelConsent() {
    }

    static ContactChannel of(Channel channel) {
        return switch (channel) {
            case EMAIL -> ContactChannel.EMAIL;
            case SMS -> ContactChannel.SMS;
            case PHONE -> ContactChannel.PHONE;
            case DIRECT_MAIL -> ContactChannel.MAIL;
            case CANVASS -> ContactChannel.CANVASS;
            default -> null;
        };
    }
}
