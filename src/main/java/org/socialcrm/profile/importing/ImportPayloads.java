package org.socialcrm.profile.importing;

import static org.socialcrm.common.JsonValues.JSON;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Network;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.identity.SocialIdentityInput;
import org.socialcrm.profile.AddressInput;
import org.socialcrm.profile.ChannelPreferenceInput;
import org.socialcrm.common.ConsentStatus;
import org.socialcrm.profile.ContactUpsertInput;
import org.socialcrm.profile.CustomFieldDefinition;
import org.socialcrm.profile.CustomFields;
import org.socialcrm.profile.ExternalIdInput;
import org.socialcrm.profile.TagsMode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A staged row (ContactUpsertInput as JSON: an NDJSON line) back into the input the upsert takes; wrong shapes name their field. */
final class ImportPayloads {

    /**
     * Set on CSV records staged as JSON before session 12 (jobs queued across that upgrade): their custom fields are
     * text, typed by the definitions. CSV records are staged as their text since (ImportColumns).
     */
    static final String CUSTOM_FIELDS_AS_TEXT = "customFieldsAsText";

    private ImportPayloads() {
    }

    static ContactUpsertInput toInput(JsonObject row, Map<String, CustomFieldDefinition> definitions) {
        try {
            return convert(row, definitions);
        } catch (ClassCastException e) {
            throw new BadUserInputException("row", "a value has the wrong type (see ContactUpsertInput)");
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("row", "an enum value is unknown (tagsMode, preferredChannel, network, channel or status)");
        }
    }

    private static ContactUpsertInput convert(JsonObject row, Map<String, CustomFieldDefinition> definitions) {
        JsonObject address = row.getJsonObject("address");
        List<ExternalIdInput> externalIds = list(row.getJsonArray("externalIds"),
                o -> new ExternalIdInput(((JsonObject) o).getString("system"), ((JsonObject) o).getString("value")));
        List<SocialIdentityInput> identities = list(row.getJsonArray("socialIdentities"), o -> {
            JsonObject i = (JsonObject) o;
            return new SocialIdentityInput(Network.valueOf(i.getString("network").toUpperCase(Locale.ROOT)), i.getString("handle"),
                    i.getString("externalId"), i.getString("profileUrl"), i.getBoolean("verified"));
        });
        List<ChannelPreferenceInput> preferences = list(row.getJsonArray("channelPreferences"), o -> {
            JsonObject p = (JsonObject) o;
            return new ChannelPreferenceInput(ContactChannel.valueOf(p.getString("channel").toUpperCase(Locale.ROOT)),
                    ConsentStatus.valueOf(p.getString("status").toUpperCase(Locale.ROOT)), p.getString("source"), p.getString("legalBasis"));
        });
        Number supportLevel = row.getNumber("supportLevel");
        String tagsMode = row.getString("tagsMode");
        String preferred = row.getString("preferredChannel");
        return new ContactUpsertInput(externalIds, strings(row.getJsonArray("emails")), strings(row.getJsonArray("phones")),
                row.getString("firstName"), row.getString("lastName"),
                address == null ? null : new AddressInput(address.getString("line1"), address.getString("line2"), address.getString("city"),
                        address.getString("region"), address.getString("postalCode"), address.getString("country"),
                        number(address.getNumber("latitude")), number(address.getNumber("longitude"))),
                strings(row.getJsonArray("tags")), tagsMode == null ? TagsMode.ADD : TagsMode.valueOf(tagsMode.toUpperCase(Locale.ROOT)),
                customFields(row, definitions), preferences, identities, row.getString("lifecycleStage"), row.getString("language"),
                supportLevel == null ? null : supportLevel.intValue(),
                preferred == null ? null : ContactChannel.valueOf(preferred.toUpperCase(Locale.ROOT)), row.getBoolean("doNotContact"));
    }

    /** As JSON-P; CSV cells are text and are read as the type of their field's definition first. */
    private static JsonValue customFields(JsonObject row, Map<String, CustomFieldDefinition> definitions) {
        JsonObject fields = row.getJsonObject("customFields");
        if (fields == null) {
            return null;
        }
        if (!row.getBoolean(CUSTOM_FIELDS_AS_TEXT, false)) {
            return JSON.createReader(new StringReader(fields.encode())).readValue();
        }
        JsonObjectBuilder typed = JSON.createObjectBuilder();
        fields.forEach(e -> {
            CustomFieldDefinition definition = definitions.get(e.getKey());
            typed.add(e.getKey(), definition == null ? JSON.createValue(String.valueOf(e.getValue()))
                    : CustomFields.fromText(String.valueOf(e.getValue()), definition));
        });
        return typed.build();
    }

    private static Double number(Number n) {
        return n == null ? null : n.doubleValue();
    }

    private static List<String> strings(JsonArray array) {
        return list(array, o -> (String) o);
    }

    private static <T> List<T> list(JsonArray array, java.util.function.Function<Object, T> map) {
        if (array == null) {
            return null;
        }
        List<T> out = new ArrayList<>(array.size());
        array.forEach(o -> out.add(map.apply(o)));
        return out;
    }
}
