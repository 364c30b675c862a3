package org.socialcrm.profile;

import static org.socialcrm.common.JsonValues.JSON;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.socialcrm.common.BadUserInputException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tenant's custom field definitions, and the check every write of values goes through: a known key, a value of
 * the field's type (numbers as JSON numbers, dates as ISO yyyy-MM-dd, booleans, one of the choices, text of at most
 * {@value #MAX_TEXT} characters); null removes the value.
 */
@ApplicationScoped
public class CustomFields {

    static final int MAX_TEXT = 1_000;
    static final int MAX_FIELDS = 200;
    static final int MAX_CHOICES = 200;
    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    /** The definitions, by key. */
    public Uni<Map<String, CustomFieldDefinition>> definitions(SqlConnection connection) {
        return connection.preparedQuery("select * from custom_field order by key").execute().map(rows -> {
            Map<String, CustomFieldDefinition> byKey = new LinkedHashMap<>();
            for (Row row : rows) {
                CustomFieldDefinition d = toDefinition(row);
                byKey.put(d.key(), d);
            }
            return byKey;
        });
    }

    /** Creates or redefines a field; its type changes only while no contact holds a value for it. */
    public Uni<CustomFieldDefinition> define(SqlConnection connection, CustomFieldInput input) {
        if (input.key() == null || !KEY.matcher(input.key()).matches()) {
            throw new BadUserInputException("key", "must be 1-63 lowercase letters, digits or '_', starting with a letter");
        }
        if (input.label() == null || input.label().isBlank() || input.label().length() > 200) {
            throw new BadUserInputException("label", "must be 1-200 characters");
        }
        List<String> choices = input.choices();
        if (input.type() == CustomFieldType.CHOICE) {
            if (choices == null || choices.isEmpty() || choices.size() > MAX_CHOICES
                    || choices.stream().anyMatch(c -> c == null || c.isBlank() || c.length() > 200)
                    || choices.stream().distinct().count() != choices.size()) {
                throw new BadUserInputException("choices", "a CHOICE field needs 1-" + MAX_CHOICES + " distinct non-empty choices");
            }
        } else if (choices != null && !choices.isEmpty()) {
            throw new BadUserInputException("choices", "only CHOICE fields have choices");
        }
        String sql = """
                with current as (select type from custom_field where key = $1),
                count as (select count(*) as n from custom_field),
                used as (select exists (select 1 from contact where custom_fields ? $1) as used)
                select (select type from current) as current_type, (select n from count) as n, (select used from used) as used""";
        return connection.preparedQuery(sql).execute(Tuple.of(input.key())).chain(rows -> {
            Row row = rows.iterator().next();
            String current = row.getString("current_type");
            if (current == null && row.getLong("n") >= MAX_FIELDS) {
                throw new BadUserInputException("key", "at most " + MAX_FIELDS + " custom fields per tenant");
            }
            if (current != null && !current.equals(input.type().name()) && row.getBoolean("used")) {
                throw new BadUserInputException("type", "cannot change the type of a field that contacts already hold values for");
            }
            return connection.preparedQuery("insert into custom_field (key, label, type, choices, filterable) values ($1, $2, $3, $4, $5) "
                    + "on conflict (key) do update set label = excluded.label, type = excluded.type, choices = excluded.choices, "
                    + "filterable = excluded.filterable, updated_at = excluded.updated_at returning *")
                    .execute(Tuple.of(input.key(), input.label().trim(), input.type().name(),
                            choices == null ? null : choices.toArray(String[]::new), !Boolean.FALSE.equals(input.filterable())))
                    .map(written -> toDefinition(written.iterator().next()));
        });
    }

    /**
     * The given values checked against the definitions, as stored JSON (a null value stays as null: it removes the
     * key). Failures name {@code <field>.<key>}.
     */
    public static JsonObject validate(String field, JsonValue values, Map<String, CustomFieldDefinition> definitions) {
        if (values == null || values == JsonValue.NULL) {
            return null;
        }
        if (values.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadUserInputException(field, "must be a JSON object keyed by custom field key");
        }
        JsonObject out = new JsonObject();
        values.asJsonObject().forEach((key, value) -> {
            CustomFieldDefinition definition = definitions.get(key);
            String name = field + "." + key;
            if (definition == null) {
                throw new BadUserInputException(name, "unknown custom field; define it first (defineCustomField)");
            }
            out.put(key, value == null || value == JsonValue.NULL ? null : typed(name, definition, value));
        });
        return out;
    }

    /** A value given as text (a CSV cell) converted to the field's type; empty text removes the value. */
    public static JsonValue fromText(String text, CustomFieldDefinition definition) {
        if (text == null || text.isEmpty()) {
            return JsonValue.NULL;
        }
        return switch (definition.type()) {
            case NUMBER -> {
                try {
                    yield JSON.createValue(new java.math.BigDecimal(text.trim()));
                } catch (NumberFormatException e) {
                    yield JSON.createValue(text);
                }
            }
            case BOOLEAN -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "1", "y" -> JsonValue.TRUE;
                case "false", "no", "0", "n" -> JsonValue.FALSE;
                default -> JSON.createValue(text);
            };
            default -> JSON.createValue(text);
        };
    }

    private static Object typed(String name, CustomFieldDefinition definition, JsonValue value) {
        switch (definition.type()) {
            case NUMBER:
                if (value instanceof JsonNumber number) {
                    return number.bigDecimalValue().stripTrailingZeros().doubleValue();
                }
                throw new BadUserInputException(name, "must be a number");
            case BOOLEAN:
                if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                    return value == JsonValue.TRUE;
                }
                throw new BadUserInputException(name, "must be true or false");
            case DATE:
                if (value instanceof JsonString s) {
                    try {
                        return LocalDate.parse(s.getString()).toString();
                    } catch (DateTimeParseException e) {
                        // falls through to the error
                    }
                }
                throw new BadUserInputException(name, "must be a date (yyyy-MM-dd)");
            case CHOICE:
                if (value instanceof JsonString s && definition.choices() != null && definition.choices().contains(s.getString())) {
                    return s.getString();
                }
                throw new BadUserInputException(name, "must be one of " + definition.choices());
            default:
                if (value instanceof JsonString s && s.getString().length() <= MAX_TEXT) {
                    return s.getString();
                }
                throw new BadUserInputException(name, "must be text of at most " + MAX_TEXT + " characters");
        }
    }

    static CustomFieldDefinition toDefinition(Row row) {
        String[] choices = row.getArrayOfStrings("choices");
        return new CustomFieldDefinition(row.getString("key"), row.getString("label"), CustomFieldType.valueOf(row.getString("type")),
                choices == null ? null : new ArrayList<>(Arrays.asList(choices)), row.getBoolean("filterable"));
    }
}
