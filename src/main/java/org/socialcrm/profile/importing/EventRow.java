package org.socialcrm.profile.importing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.socialcrm.common.Channel;
import org.socialcrm.campaign.ChannelConsent;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.Network;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.contact.EmailAddresses;
import org.socialcrm.identity.Handles;
import org.socialcrm.profile.MatchKey;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One staged touchpoint or conversion, checked, with the contact's keys normalised (the first of each kind that
 * {@code matchOn} allows). Building it throws BAD_USER_INPUT naming the field.
 */
record EventRow(int line, String externalSystem, String externalValue, String email, String network, String handle, Long campaignId,
        String channel, String consentChannel, Long influencerId, String influencerNetwork, String influencerHandle,
        OffsetDateTime occurredAt, String eventId, String source, Double value, String stage) {

    static final int MAX_SOURCE_BYTES = 8_192;
    static final int MAX_TEXT = 200;

    static EventRow parse(int line, ImportKind kind, JsonObject row, List<MatchKey> matchOn, List<String> stages) {
        try {
            return read(line, kind, row, matchOn, stages);
        } catch (ClassCastException e) {
            throw new BadUserInputException("row", "a value has the wrong type (see docs/import.md)");
        }
    }

    private static EventRow read(int line, ImportKind kind, JsonObject row, List<MatchKey> matchOn, List<String> stages) {
        String system = null;
        String external = null;
        JsonObject firstExternal = first(row.getJsonArray("externalIds"));
        if (firstExternal != null && matchOn.contains(MatchKey.EXTERNAL_ID)) {
            system = text("externalIds", firstExternal.getString("system"), 64);
            external = text("externalIds", firstExternal.getString("value"), MAX_TEXT);
        }
        String email = null;
        JsonArray emails = row.getJsonArray("emails");
        if (emails != null && !emails.isEmpty() && matchOn.contains(MatchKey.EMAIL)) {
            String given = emails.getString(0);
            if (!EmailAddresses.valid(given == null ? null : given.trim())) {
                throw new BadUserInputException("emails", "is not a valid email address");
            }
            email = EmailAddresses.normalize(given);
        }
        String network = null;
        String handle = null;
        JsonObject identity = first(row.getJsonArray("socialIdentities"));
        if (identity != null && matchOn.contains(MatchKey.SOCIAL_HANDLE)) {
            network = network("socialIdentities", identity.getString("network"));
            handle = handle("socialIdentities", identity.getString("handle"));
        }
        if (external == null && email == null && handle == null) {
            throw new BadUserInputException("emails", "a row needs an external id, email or social handle (of matchOn) to find its contact");
        }
        Long campaignId = id("campaignId", row.getString("campaignId"));
        OffsetDateTime occurredAt = null;
        if (row.getString("occurredAt") != null) {
            try {
                occurredAt = OffsetDateTime.parse(row.getString("occurredAt"));
            } catch (DateTimeParseException e) {
                throw new BadUserInputException("occurredAt", "must be an ISO-8601 date-time with offset, e.g. 2026-11-30T10:15:00Z");
            }
        }
        String eventId = row.getString("eventId") == null ? null : text("eventId", row.getString("eventId"), MAX_TEXT);
        if (kind == ImportKind.TOUCHPOINTS) {
            Channel channel = channel(row.getString("channel"));
            ContactChannel consent = ChannelConsent.of(channel);
            Long influencerId = id("influencerIdentityId", row.getString("influencerIdentityId"));
            JsonObject influencer = row.getJsonObject("influencer");
            String influencerNetwork = influencer == null ? null : network("influencer", influencer.getString("network"));
            String influencerHandle = influencer == null ? null : handle("influencer", influencer.getString("handle"));
            JsonObject source = row.getJsonObject("source");
            String sourceJson = source == null ? null : source.encode();
            if (sourceJson != null && sourceJson.getBytes(StandardCharsets.UTF_8).length > MAX_SOURCE_BYTES) {
                throw new BadUserInputException("source", "at most " + MAX_SOURCE_BYTES + " bytes of JSON");
            }
            return new EventRow(line, system, external, email, network, handle, campaignId, channel.name(),
                    consent == null ? null : consent.name(), influencerId, influencerNetwork, influencerHandle, occurredAt, eventId,
                    sourceJson, null, null);
        }
        Number value = row.getNumber("value");
        if (value != null && (Double.isNaN(value.doubleValue()) || Double.isInfinite(value.doubleValue()))) {
            throw new BadUserInputException("value", "must be a finite number");
        }
        String stage = row.getString("stage");
        if (stage != null && !stages.contains(stage)) {
            throw new BadUserInputException("stage", "unknown stage; this tenant's stages are " + stages);
        }
        return new EventRow(line, system, external, email, network, handle, campaignId, null, null, null, null, null, occurredAt, eventId,
                null, value == null ? null : value.doubleValue(), stage);
    }

    private static JsonObject first(JsonArray array) {
        return array == null || array.isEmpty() ? null : array.getJsonObject(0);
    }

    private static String text(String field, String value, int max) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty() || trimmed.length() > max) {
            throw new BadUserInputException(field, "must be 1-" + max + " characters");
        }
        return trimmed;
    }

    private static String network(String field, String name) {
        for (Network n : Network.values()) {
            if (n.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return n.name();
            }
        }
        throw new BadUserInputException(field, "unknown network");
    }

    private static String handle(String field, String handle) {
        String normalized = Handles.normalize(handle);
        if (normalized == null || normalized.isEmpty() || handle.length() > Handles.MAX_LENGTH) {
            throw new BadUserInputException(field, "handle must be 1-" + Handles.MAX_LENGTH + " characters");
        }
        return normalized;
    }

    private static Long id(String field, String id) {
        return id == null || id.isBlank() ? null : Ids.require(id.trim(), field);
    }

    private static Channel channel(String name) {
        if (name == null || name.isBlank()) {
            throw new BadUserInputException("channel", "is required");
        }
        try {
            return Channel.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("channel", "unknown channel (SOCIAL, EMAIL, SMS, ..., see the Channel enum)");
        }
    }
}
