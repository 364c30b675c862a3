package org.socialcrm.targeting;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Channel;
import org.socialcrm.common.ConsentStatus;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns one rule (stored JSON, {@link RuleCodec}) into one {@link Condition}, with the saved segments it names and
 * the tenant's custom field definitions already loaded ({@link RuleCompiler}). Pure: no I/O, one instance per rule.
 */
final class RuleTranslator {

    static final Set<String> MEMBERS = Set.of("and", "or", "not", "filter", "inSegment", "behavior", "consent", "customField",
            "score", "supportLevel");
    private static final int MAX_DAYS = 36_500;
    private static final int MAX_COUNT = 10_000;
    private static final int MAX_VALUES = 1_000;

    /** Thrown where a rule needs tenant data that was not loaded (the compiled read declines such rules). */
    static final class TenantDataNeeded extends RuntimeException {
        TenantDataNeeded() {
            super(null, null, false, false);
        }
    }

    private final TargetingConfig limits;
    private final KnownStages stages;
    private final Map<String, CustomFieldKind> fields;
    private final Map<Long, SegmentDefinition> segments;
    private final Deque<Long> open = new ArrayDeque<>();
    private int nodes;

    /** @param fields custom field definitions by key, null when not loaded; @param segments likewise */
    RuleTranslator(TargetingConfig limits, KnownStages stages, Map<String, CustomFieldKind> fields, Map<Long, SegmentDefinition> segments) {
        this.limits = limits;
        this.stages = stages;
        this.fields = fields;
        this.segments = segments;
    }

    /** A rule as written by a client: its size is checked before anything else. */
    Condition rule(JsonObject rule, String path) {
        int[] count = new int[1];
        measure(rule, path, 1, count);
        return node(rule, path);
    }

    /** As {@link #rule}, while saving the segment {@code savingId}: naming it, directly or not, is a cycle. */
    Condition ruleOfSegment(JsonObject rule, String path, long savingId) {
        open.push(savingId);
        try {
            return rule(rule, path);
        } finally {
            open.pop();
        }
    }

    Condition segment(SegmentDefinition segment, String path) {
        if (open.contains(segment.id())) {
            throw new BadUserInputException(path, "segments may not contain each other (a cycle through segment " + segment.id() + ")");
        }
        if (segment.isStatic()) {
            return Condition.of("c.id in (select m.contact_id from segment_member m where m.segment_id = ?)", segment.id());
        }
        open.push(segment.id());
        try {
            Condition filter = FilterConditions.of(FilterCodec.decode(segment.filter()), stages, path + ".filter.");
            Condition rule = segment.rule() == null ? Condition.TRUE : node(segment.rule(), path + ".rule");
            return Condition.and(List.of(filter, rule));
        } finally {
            open.pop();
        }
    }

    private void measure(Object value, String path, int depth, int[] count) {
        if (!(value instanceof JsonObject node)) {
            throw new BadUserInputException(path, "must be a rule object");
        }
        if (depth > limits.maxRuleDepth()) {
            throw new BadUserInputException("rule", "a rule may nest at most " + limits.maxRuleDepth() + " levels deep");
        }
        if (++count[0] > limits.maxRuleNodes()) {
            throw new BadUserInputException("rule", "a rule may hold at most " + limits.maxRuleNodes() + " conditions");
        }
        for (String list : List.of("and", "or")) {
            JsonArray children = node.getValue(list) instanceof JsonArray array ? array : null;
            if (children != null) {
                for (int i = 0; i < children.size(); i++) {
                    measure(children.getValue(i), path + "." + list + "[" + i + "]", depth + 1, count);
                }
            }
        }
        if (node.getValue("not") != null) {
            measure(node.getValue("not"), path + ".not", depth + 1, count);
        }
    }

    private Condition node(JsonObject node, String path) {
        if (++nodes > limits.maxInlinedNodes()) {
            throw new BadUserInputException(path, "with the segments it names inlined, a rule may hold at most "
                    + limits.maxInlinedNodes() + " conditions");
        }
        List<String> set = node.fieldNames().stream().filter(name -> node.getValue(name) != null).sorted().toList();
        for (String name : set) {
            if (!MEMBERS.contains(name)) {
                throw new BadUserInputException(path + "." + name, "is not a rule member");
            }
        }
        if (set.size() != 1) {
            throw new BadUserInputException(path, "set exactly one member per rule node (and, or, not, filter, inSegment, behavior, "
                    + "consent, customField, score or supportLevel), not " + (set.isEmpty() ? "none" : String.join(" and ", set)));
        }
        String member = set.get(0);
        String at = path + "." + member;
        return switch (member) {
            case "and" -> Condition.and(children(node.getJsonArray("and"), at));
            case "or" -> Condition.or(children(node.getJsonArray("or"), at));
            case "not" -> Condition.not(node(node.getJsonObject("not"), at));
            case "filter" -> FilterConditions.of(FilterCodec.decode(node.getJsonObject("filter")), stages, at + ".");
            case "inSegment" -> inSegment(node.getString("inSegment"), at);
            case "behavior" -> behavior(node.getJsonObject("behavior"), at);
            case "consent" -> consent(node.getJsonObject("consent"), at);
            case "customField" -> customField(node.getJsonObject("customField"), at);
            case "score" -> score(node.getJsonObject("score"), at);
            default -> supportLevel(node.getJsonObject("supportLevel"), at);
        };
    }

    private List<Condition> children(JsonArray array, String path) {
        if (array.isEmpty()) {
            throw new BadUserInputException(path, "needs at least one rule");
        }
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(node(array.getJsonObject(i), path + "[" + i + "]"));
        }
        return out;
    }

    private Condition inSegment(String id, String path) {
        long segmentId = Ids.require(id, path);
        if (segments == null) {
            throw new TenantDataNeeded();
        }
        SegmentDefinition segment = segments.get(segmentId);
        if (segment == null) {
            throw new NotFoundException("No such segment.");
        }
        return segment(segment, path);
    }

    private Condition behavior(JsonObject b, String path) {
        BehaviorKind kind = BehaviorKind.valueOf(b.getString("kind"));
        Integer withinDays = b.getInteger("withinDays");
        int minCount = b.getInteger("minCount", 1);
        String campaignId = b.getString("campaignId");
        String channel = b.getString("channel");
        String stage = b.getString("stage");
        String influencer = b.getString("influencerIdentityId");
        String election = b.getString("election");
        if (withinDays != null && (withinDays < 1 || withinDays > MAX_DAYS)) {
            throw new BadUserInputException(path + ".withinDays", "must be between 1 and " + MAX_DAYS);
        }
        if (minCount < 1 || minCount > MAX_COUNT) {
            throw new BadUserInputException(path + ".minCount", "must be between 1 and " + MAX_COUNT);
        }
        boolean touchpoints = kind == BehaviorKind.TOUCHED || kind == BehaviorKind.CANVASSED;
        refuse(channel != null && !touchpoints, path + ".channel", "applies to TOUCHED and CANVASSED only");
        refuse(influencer != null && !touchpoints, path + ".influencerIdentityId", "applies to TOUCHED and CANVASSED only");
        refuse(stage != null && kind != BehaviorKind.CONVERTED && kind != BehaviorKind.ENTERED_STAGE, path + ".stage",
                "applies to CONVERTED and ENTERED_STAGE only");
        refuse(campaignId != null && kind == BehaviorKind.VOTED, path + ".campaignId", "does not apply to VOTED");
        refuse(election != null && kind != BehaviorKind.VOTED, path + ".election", "applies to VOTED only");
        refuse(kind == BehaviorKind.VOTED && (election == null || election.isBlank() || election.length() > 200),
                path + ".election", "VOTED needs the election (1-200 characters)");

        List<Condition> where = new ArrayList<>();
        String table = switch (kind) {
            case TOUCHED, CANVASSED -> "touchpoint t";
            case CONVERTED -> "conversion t";
            case ENTERED_STAGE -> "lifecycle_transition t";
            case VOTED -> "contact_vote t";
        };
        String time = kind == BehaviorKind.VOTED ? "t.voted_at" : "t.occurred_at";
        if (kind == BehaviorKind.CANVASSED) {
            refuse(channel != null && !channel.equals(Channel.CANVASS.name()) && !channel.equals(Channel.PHONE.name()),
                    path + ".channel", "CANVASSED means CANVASS or PHONE touchpoints");
            where.add(channel == null ? Condition.of("t.channel in ('CANVASS', 'PHONE')") : Condition.of("t.channel = ?", channel));
        } else if (channel != null) {
            where.add(Condition.of("t.channel = ?", Channel.valueOf(channel).name()));
        }
        if (withinDays != null) {
            where.add(Condition.of(time + " >= now() - make_interval(days => ?)", withinDays));
        }
        if (campaignId != null) {
            where.add(Condition.of("t.campaign_id = ?", Ids.require(campaignId, path + ".campaignId")));
        }
        if (influencer != null) {
            where.add(Condition.of("t.influencer_identity_id = ?", Ids.require(influencer, path + ".influencerIdentityId")));
        }
        if (stage != null) {
            stages.require(stage, path + ".stage");
            where.add(Condition.of((kind == BehaviorKind.CONVERTED ? "t.stage" : "t.to_stage") + " = ?", stage));
        }
        if (election != null) {
            where.add(Condition.of("t.election = ?", election));
        }
        Condition filter = Condition.and(where);
        String sql = "c.id in (select t.contact_id from " + table + (filter.isTrue() ? "" : " where " + filter.sql());
        List<Object> params = new ArrayList<>(filter.params());
        if (minCount > 1) {
            sql += " group by t.contact_id having count(*) >= ?";
            params.add((long) minCount);
        }
        return new Condition(sql + ")", params);
    }

    private Condition consent(JsonObject consent, String path) {
        ContactChannel channel = ContactChannel.valueOf(consent.getString("channel"));
        ConsentStatus status = ConsentStatus.valueOf(consent.getString("status"));
        return Condition.of(Reachability.consentStatus(channel) + " = ?", status.name());
    }

    private Condition score(JsonObject score, String path) {
        long model = Ids.require(score.getString("modelId"), path + ".modelId");
        Double min = score.getDouble("min");
        Double max = score.getDouble("max");
        refuse(min != null && max != null && min > max, path + ".min", "must not exceed max");
        List<Condition> where = new ArrayList<>(List.of(Condition.of("s.model_id = ?", model)));
        if (min != null) {
            where.add(Condition.of("s.value >= ?", min));
        }
        if (max != null) {
            where.add(Condition.of("s.value <= ?", max));
        }
        Condition filter = Condition.and(where);
        return new Condition("c.id in (select s.contact_id from contact_score s where " + filter.sql() + ")", filter.params());
    }

    private Condition supportLevel(JsonObject range, String path) {
        Integer min = range.getInteger("min");
        Integer max = range.getInteger("max");
        refuse(min == null && max == null, path, "give min, max or both");
        refuse(min != null && (min < 1 || min > 5), path + ".min", "must be between 1 and 5");
        refuse(max != null && (max < 1 || max > 5), path + ".max", "must be between 1 and 5");
        refuse(min != null && max != null && min > max, path + ".min", "must not exceed max");
        List<Condition> parts = new ArrayList<>();
        if (min != null) {
            parts.add(Condition.of("c.support_level >= ?", min.shortValue()));
        }
        if (max != null) {
            parts.add(Condition.of("c.support_level <= ?", max.shortValue()));
        }
        return Condition.and(parts);
    }

    private Condition customField(JsonObject condition, String path) {
        String key = condition.getString("key");
        CustomFieldOperator operator = CustomFieldOperator.valueOf(condition.getString("operator"));
        Object value = condition.getValue("value");
        if (fields == null) {
            throw new TenantDataNeeded();
        }
        CustomFieldKind field = fields.get(key);
        if (field == null) {
            throw new BadUserInputException(path + ".key", "unknown custom field");
        }
        refuse(!field.filterable(), path + ".key", "this custom field is not filterable");
        String type = field.type();
        String json = "(c.custom_fields -> ?::text)";
        String valuePath = path + ".value";
        switch (operator) {
            case IS_SET, IS_NOT_SET -> {
                refuse(value != null, valuePath, operator + " takes no value");
                return Condition.of(json + (operator == CustomFieldOperator.IS_SET ? " is not null" : " is null"), key);
            }
            case EQ, NEQ -> {
                Object typed = typed(field, value, valuePath);
                Condition equal = Condition.of("c.custom_fields @> jsonb_build_object(?::text, ?::" + sqlType(type) + ")", key, typed);
                return operator == CustomFieldOperator.EQ ? equal
                        : new Condition(json + " is not null and not " + equal.sql(), List.of(key, key, typed));
            }
            case LT, LTE, GT, GTE -> {
                refuse(!type.equals("NUMBER") && !type.equals("DATE"), path + ".operator", operator + " applies to NUMBER and DATE fields");
                String comparison = switch (operator) {
                    case LT -> " < ";
                    case LTE -> " <= ";
                    case GT -> " > ";
                    default -> " >= ";
                };
                return Condition.of(scalar(type) + comparison + "?::" + sqlType(type), key, key, typed(field, value, valuePath));
            }
            case IN -> {
                refuse(type.equals("BOOLEAN"), path + ".operator", "IN does not apply to BOOLEAN fields (use EQ)");
                refuse(!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_VALUES, valuePath,
                        "IN takes a list of 1-" + MAX_VALUES + " values");
                JsonArray values = (JsonArray) value;
                List<Object> typed = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    typed.add(typed(field, values.getValue(i), valuePath + "[" + i + "]"));
                }
                Object array = switch (type) {
                    case "NUMBER" -> typed.toArray(Double[]::new);
                    case "DATE" -> typed.toArray(LocalDate[]::new);
                    default -> typed.toArray(String[]::new);
                };
                return Condition.of(scalar(type) + " = any(?::" + sqlType(type) + "[])", key, key, array);
            }
            default -> {
                refuse(!type.equals("TEXT"), path + ".operator", "CONTAINS applies to TEXT fields");
                refuse(!(value instanceof String text) || text.isEmpty() || text.length() > 200, valuePath, "CONTAINS takes a text of 1-200 characters");
                return Condition.of("strpos(lower(c.custom_fields ->> ?::text), lower(?::text)) > 0", key, value);
            }
        }
    }

    /** The stored value as SQL of its type (two {@code ?} for the key); NULL when absent or of another JSON type. */
    private static String scalar(String type) {
        return switch (type) {
            case "NUMBER" -> "(case when jsonb_typeof(c.custom_fields -> ?::text) = 'number' then (c.custom_fields ->> ?::text)::numeric end)";
            case "DATE" -> "(case when jsonb_typeof(c.custom_fields -> ?::text) = 'string' then (c.custom_fields ->> ?::text) end)::date";
            default -> "(case when jsonb_typeof(c.custom_fields -> ?::text) = 'string' then (c.custom_fields ->> ?::text) end)";
        };
    }

    private static String sqlType(String type) {
        return switch (type) {
            case "NUMBER" -> "numeric";
            case "BOOLEAN" -> "boolean";
            case "DATE" -> "date";
            default -> "text";
        };
    }

    /** A value checked against the field's type, as the Java value bound for {@link #sqlType}. */
    private static Object typed(CustomFieldKind field, Object value, String path) {
        refuse(value == null, path, "is required for this operator");
        switch (field.type()) {
            case "NUMBER" -> {
                refuse(!(value instanceof Number), path, "must be a number (the field is NUMBER)");
                return ((Number) value).doubleValue();
            }
            case "BOOLEAN" -> {
                refuse(!(value instanceof Boolean), path, "must be true or false (the field is BOOLEAN)");
                return value;
            }
            case "DATE" -> {
                try {
                    return LocalDate.parse(String.valueOf(value));
                } catch (DateTimeParseException e) {
                    throw new BadUserInputException(path, "must be a date yyyy-MM-dd (the field is DATE)");
                }
            }
            case "CHOICE" -> {
                refuse(!(value instanceof String) || !field.choices().contains(value), path, "must be one of the field's choices");
                return value;
            }
            default -> {
                refuse(!(value instanceof String text) || text.length() > 1_000, path, "must be a text (the field is TEXT)");
                return value;
            }
        }
    }

    private static void refuse(boolean condition, String field, String message) {
        if (condition) {
            throw new BadUserInputException(field, message);
        }
    }
}
