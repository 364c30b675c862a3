package org.socialcrm.targeting;

import org.socialcrm.common.ContactChannel;

/**
 * Who may be contacted on a channel, as SQL over a contact row {@code c}: the one definition behind
 * {@code reachableBy}, {@code segmentReach}, consent conditions in rules, and the touchpoint check
 * ({@code contact.ContactReachability}). Channel names are enum constants, so they are written as literals.
 */
public final class Reachability {

    private Reachability() {
    }

    /** True when the contact opted out of the channel (an explicit OPTED_OUT preference). */
    public static String optedOut(ContactChannel channel) {
        return "exists (select 1 from channel_preference p where p.contact_id = c.id and p.channel = '" + channel.name()
                + "' and p.status = 'OPTED_OUT')";
    }

    /**
     * The contact's consent status on the channel: its preference, else for EMAIL and SMS the v1 consent flag (true
     * reads as OPTED_IN), else UNKNOWN.
     */
    public static String consentStatus(ContactChannel channel) {
        String fallback = switch (channel) {
            case EMAIL -> "case when c.consent_email then 'OPTED_IN' else 'UNKNOWN' end";
            case SMS -> "case when c.consent_sms then 'OPTED_IN' else 'UNKNOWN' end";
            default -> "'UNKNOWN'";
        };
        return "coalesce((select p.status from channel_preference p where p.contact_id = c.id and p.channel = '" + channel.name()
                + "'), " + fallback + ")";
    }

    /** The contact has somewhere to send it: an email, a mobile (SMS), any phone, a postal address, a social identity. */
    public static String usableAddress(ContactChannel channel) {
        return switch (channel) {
            case EMAIL -> "(c.email is not null or exists (select 1 from contact_email e where e.contact_id = c.id))";
            case SMS -> "exists (select 1 from contact_phone ph where ph.contact_id = c.id and ph.kind = 'MOBILE')";
            case PHONE -> "(c.phone is not null or exists (select 1 from contact_phone ph where ph.contact_id = c.id))";
            case MAIL -> "(c.address_line1 is not null and (c.postal_code is not null or c.city is not null))";
            case SOCIAL_DM -> "exists (select 1 from social_identity si where si.contact_id = c.id)";
            case CANVASS -> "c.address_line1 is not null";
        };
    }

    /** Not doNotContact, not opted out of the channel, and a usable address or number for it. */
    public static String reachable(ContactChannel channel) {
        return "(not c.do_not_contact and not " + optedOut(channel) + " and " + usableAddress(channel) + ")";
    }

    /** Reachable, and the channel is the contact's preferred one. */
    public static String preferring(ContactChannel channel) {
        return "(c.preferred_channel = '" + channel.name() + "' and " + reachable(channel) + ")";
    }
}
