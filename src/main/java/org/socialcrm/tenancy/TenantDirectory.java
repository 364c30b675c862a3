package org.socialcrm.tenancy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Looks tenants up in the control plane, keeping each row for a short while so that resolving the tenant of a
 * request costs no query. Replicas see each other's changes within the cache TTL.
 */
@ApplicationScoped
public class TenantDirectory {

    static final String SELECT = "select t.id, t.slug, t.name, t.kind, t.agency_id, t.status, t.schema_name, "
            + "t.lifecycle_stages, t.oidc_issuer, t.created_at, t.settings, "
            + "coalesce((select array_agg(l.agency_id) from control.agency_tenant l where l.tenant_id = t.id), '{}') as agencies "
            + "from control.tenant t ";

    private record Entry(TenantRecord tenant, long expiresAtNanos) {
    }

    private final Pool pool;
    private final long ttlNanos;
    private final int maxMisses;
    /** Tenants that exist: as many entries as tenants. */
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    /**
     * Slugs that named no tenant, until when: any caller can send any slug, so this list is emptied whenever it
     * reaches {@link TenancyConfig#missCacheSize()} instead of growing without bound.
     */
    private final ConcurrentHashMap<String, Long> misses = new ConcurrentHashMap<>();

    public TenantDirectory(Pool pool, TenancyConfig config) {
        this.pool = pool;
        this.ttlNanos = config.cacheTtl().toNanos();
        this.maxMisses = config.missCacheSize();
    }

    public Uni<Optional<TenantRecord>> bySlug(String slug) {
        if (!TenantSlug.isValid(slug)) {
            return Uni.createFrom().item(Optional.empty());
        }
        long now = System.nanoTime();
        Entry entry = cache.get(slug);
        if (entry != null && entry.expiresAtNanos - now > 0) {
            return Uni.createFrom().item(Optional.of(entry.tenant));
        }
        Long missedUntil = misses.get(slug);
        if (missedUntil != null && missedUntil - now > 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery(SELECT + "where t.slug = $1").execute(Tuple.of(slug))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(toRecord(rows.iterator().next())) : Optional.<TenantRecord> empty())
                .invoke(found -> remember(slug, found));
    }

    private void remember(String slug, Optional<TenantRecord> found) {
        long until = System.nanoTime() + ttlNanos;
        if (found.isPresent()) {
            cache.put(slug, new Entry(found.get(), until));
            misses.remove(slug);
        } else {
            cache.remove(slug);
            if (misses.size() >= maxMisses) {
                misses.clear();
            }
            misses.put(slug, until);
        }
    }

    /** How many unknown slugs are remembered now (the tests read it). */
    int rememberedMisses() {
        return misses.size();
    }

    /** Tenants an agency is linked to, or whose slug is in the given list. */
    public Uni<List<TenantRecord>> visibleTo(String agencyId, List<String> slugs) {
        return pool.preparedQuery(SELECT + "where t.slug = any($1) or exists (select 1 from control.agency_tenant l "
                + "where l.tenant_id = t.id and l.agency_id = $2) order by t.slug")
                .execute(Tuple.of(slugs.toArray(new String[0]), agencyId))
                .map(rows -> {
                    List<TenantRecord> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toRecord(row)));
                    return list;
                });
    }

    public void invalidate(String slug) {
        cache.remove(slug);
        misses.remove(slug);
    }

    static TenantRecord toRecord(Row row) {
        List<LifecycleStageDefinition> stages = new ArrayList<>();
        Object raw = row.getValue("lifecycle_stages");
        JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
        for (int i = 0; i < array.size(); i++) {
            JsonObject stage = array.getJsonObject(i);
            stages.add(new LifecycleStageDefinition(stage.getString("key"), stage.getString("label")));
        }
        String[] agencies = row.getArrayOfStrings("agencies");
        return new TenantRecord(row.getLong("id"), row.getString("slug"), row.getString("name"),
                TenantKind.valueOf(row.getString("kind")), row.getString("agency_id"),
                agencies == null ? java.util.Set.of() : new HashSet<>(List.of(agencies)),
                TenantStatus.valueOf(row.getString("status")), row.getString("schema_name"), List.copyOf(stages),
                row.getString("oidc_issuer"), row.getOffsetDateTime("created_at"), settings(row.getValue("settings")));
    }

    private static JsonObject settings(Object raw) {
        if (raw instanceof JsonObject object) {
            return object;
        }
        return raw == null ? new JsonObject() : new JsonObject(String.valueOf(raw));
    }
}
