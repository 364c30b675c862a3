package org.socialcrm.targeting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Compiles contact filters, segment rules and saved segments into ONE SQL {@link Condition} over {@code contact c}.
 * Before translating, it loads in at most two statements what the rule refers to: every saved segment it names, and
 * those they name, at any depth (one recursive query), and the custom field definitions if a condition uses one.
 * Run it on the connection of the tenant's transaction ({@code TenantRequests}); the condition is then used as
 * {@code select ... from contact c where <condition.numbered(0)>} with {@code condition.tuple()}.
 */
@ApplicationScoped
public class RuleCompiler {

    private static final String SEGMENTS = """
            with recursive wanted(id) as (
              select unnest($1::bigint[])
              union
              select (ref #>> '{}')::bigint from segment s join wanted w on s.id = w.id
                cross join lateral jsonb_path_query(coalesce(s.rule, 'null'::jsonb), '$.**.inSegment') ref
              where jsonb_typeof(ref) = 'string' and (ref #>> '{}') ~ '^[0-9]{1,18}$'
            )
            select s.id, s.filter, s.rule, s.static from segment s where s.id in (select id from wanted)""";

    private final TargetingConfig limits;

    public RuleCompiler(TargetingConfig limits) {
        this.limits = limits;
    }

    /** A stored rule (JSON as {@link RuleCodec} writes it); errors name fields under {@code rule}. */
    public Uni<Condition> compile(SqlConnection connection, List<String> stages, JsonObject rule) {
        return translator(connection, KnownStages.of(stages), List.of(rule), Set.of()).map(t -> t.rule(rule, "rule"));
    }

    /** A rule given as input, with errors named under {@code path}. */
    public Uni<Condition> compile(SqlConnection connection, List<String> stages, SegmentRuleInput rule, String path) {
        JsonObject json = RuleCodec.encode(rule);
        return translator(connection, KnownStages.of(stages), List.of(json), Set.of()).map(t -> t.rule(json, path));
    }

    /** {@code contacts(filter)}: its fields, its saved segment and its rule, AND-ed. */
    public Uni<Condition> filter(SqlConnection connection, List<String> stages, ContactFilter filter) {
        if (filter == null) {
            return Uni.createFrom().item(Condition.TRUE);
        }
        KnownStages known = KnownStages.of(stages);
        Condition fields = FilterConditions.of(filter.criteria(), known, "filter.");
        if (filter.segmentId() == null && filter.rule() == null) {
            return Uni.createFrom().item(fields);
        }
        long segmentId = filter.segmentId() == null ? 0 : Ids.parse(filter.segmentId(), "filter.segmentId");
        JsonObject rule = RuleCodec.encode(filter.rule());
        return translator(connection, known, rule == null ? List.of() : List.of(rule), segmentId == 0 ? Set.of() : Set.of(segmentId))
                .map(t -> {
                    List<Condition> all = new ArrayList<>(List.of(fields));
                    if (filter.segmentId() != null) {
                        all.add(t.segment(t.require(segmentId), "segment"));
                    }
                    if (rule != null) {
                        all.add(t.rule(rule, "filter.rule"));
                    }
                    return Condition.and(all);
                });
    }

    /** A saved segment's members; NOT_FOUND when there is no such segment. */
    public Uni<Condition> segment(SqlConnection connection, List<String> stages, long segmentId) {
        return translator(connection, KnownStages.of(stages), List.of(), Set.of(segmentId))
                .map(t -> t.segment(t.require(segmentId), "segment"));
    }

    /** A saved segment already read: only the segments it names are loaded. */
    public Uni<Condition> segment(SqlConnection connection, List<String> stages, SegmentDefinition segment) {
        List<JsonObject> rules = segment.rule() == null || segment.isStatic() ? List.of() : List.of(segment.rule());
        return translator(connection, KnownStages.of(stages), rules, Set.of()).map(t -> t.segment(segment, "segment"));
    }

    /** Several saved segments already read (a list of segments and their sizes): what they name is loaded once. */
    public Uni<List<Condition>> segments(SqlConnection connection, List<String> stages, List<SegmentDefinition> segments) {
        List<JsonObject> rules = segments.stream().filter(s -> s.rule() != null && !s.isStatic()).map(SegmentDefinition::rule).toList();
        return translator(connection, KnownStages.of(stages), rules, Set.of())
                .map(t -> segments.stream().map(s -> t.segment(s, "segment")).toList());
    }

    /**
     * Checks a segment definition about to be saved (as segment {@code savingId}, null when new), the way every later
     * read compiles it: stages, ids, custom fields, limits, and no cycle back to the segment itself.
     */
    public Uni<Condition> definition(SqlConnection connection, List<String> stages, Long savingId, ContactFilterInput filter,
            JsonObject rule) {
        KnownStages known = KnownStages.of(stages);
        Condition fields = FilterConditions.of(filter, known, "filter.");
        if (rule == null) {
            return Uni.createFrom().item(fields);
        }
        return translator(connection, known, List.of(rule), Set.of()).map(t -> Condition.and(List.of(fields,
                savingId == null ? t.rule(rule, "rule") : t.ruleOfSegment(rule, "rule", savingId))));
    }

    /**
     * For the compiled read, which compiles before any statement runs: the condition when the rule needs no tenant
     * data (no saved segment, no custom field), else empty. The stages it names are added to {@code stages}.
     */
    public Optional<Condition> withoutTenantData(JsonObject rule, KnownStages stages, String path) {
        try {
            return Optional.of(new RuleTranslator(limits, stages, null, null).rule(rule, path));
        } catch (RuleTranslator.TenantDataNeeded e) {
            return Optional.empty();
        }
    }

    private Uni<Loaded> translator(SqlConnection connection, KnownStages stages, List<JsonObject> rules, Set<Long> segmentIds) {
        Set<Long> ids = new LinkedHashSet<>(segmentIds);
        boolean[] customFields = new boolean[1];
        rules.forEach(rule -> walk(rule, ids, customFields));
        Uni<Map<Long, SegmentDefinition>> segments = ids.isEmpty() ? Uni.createFrom().item(Map.of())
                : connection.preparedQuery(SEGMENTS).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
                    Map<Long, SegmentDefinition> byId = new HashMap<>();
                    for (Row row : rows) {
                        SegmentDefinition d = new SegmentDefinition(row.getLong("id"), row.getJsonObject("filter"),
                                row.getJsonObject("rule"), row.getBoolean("static"));
                        byId.put(d.id(), d);
                        if (d.rule() != null) {
                            walk(d.rule(), new LinkedHashSet<>(), customFields);
                        }
                    }
                    return byId;
                });
        return segments.chain(byId -> {
            Uni<Map<String, CustomFieldKind>> fields = !customFields[0] ? Uni.createFrom().item(Map.of())
                    : connection.preparedQuery("select key, type, choices, filterable from custom_field").execute().map(rows -> {
                        Map<String, CustomFieldKind> byKey = new HashMap<>();
                        for (Row row : rows) {
                            String[] choices = row.getArrayOfStrings("choices");
                            byKey.put(row.getString("key"), new CustomFieldKind(row.getString("type"),
                                    choices == null ? List.of() : List.of(choices), row.getBoolean("filterable")));
                        }
                        return byKey;
                    });
            return fields.map(f -> new Loaded(new RuleTranslator(limits, stages, f, byId), byId));
        });
    }

    /** Collects the segment ids a rule names and whether it has a custom field condition. */
    private static void walk(Object value, Set<Long> ids, boolean[] customFields) {
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, Object> entry : object) {
                if (entry.getKey().equals("inSegment") && entry.getValue() instanceof String id && Ids.parse(id) >= 0) {
                    ids.add(Ids.parse(id));
                } else if (entry.getKey().equals("customField") && entry.getValue() != null) {
                    customFields[0] = true;
                } else if (!entry.getKey().equals("filter")) {
                    walk(entry.getValue(), ids, customFields);
                }
            }
        } else if (value instanceof JsonArray array) {
            array.forEach(item -> walk(item, ids, customFields));
        }
    }

    /** A translator with what was loaded. */
    private record Loaded(RuleTranslator translator, Map<Long, SegmentDefinition> segments) {

        SegmentDefinition require(long id) {
            SegmentDefinition found = segments.get(id);
            if (found == null) {
                throw new NotFoundException("No such segment.");
            }
            return found;
        }

        Condition rule(JsonObject rule, String path) {
            return translator.rule(rule, path);
        }

        Condition ruleOfSegment(JsonObject rule, String path, long savingId) {
            return translator.ruleOfSegment(rule, path, savingId);
        }

        Condition segment(SegmentDefinition segment, String path) {
            return translator.segment(segment, path);
        }
    }
}
