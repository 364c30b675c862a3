package org.socialcrm.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Background work visiting every active tenant, one after the other (schedulers: drains, retraining, pruning). */
@ApplicationScoped
public class ActiveTenants {

    private final Pool pool;
    private final TenantDirectory directory;

    public ActiveTenants(Pool pool, TenantDirectory directory) {
        this.pool = pool;
        this.directory = directory;
    }

    /** Runs {@code work} for each active tenant in turn; the sum of what it answered (0 for a tenant gone meanwhile). */
    public Uni<Integer> sum(Function<TenantScope, Uni<Integer>> work) {
        return pool.preparedQuery("select slug from control.tenant where status = 'ACTIVE' order by id").execute()
                .map(rows -> {
                    List<String> slugs = new ArrayList<>();
                    rows.forEach(row -> slugs.add(row.getString("slug")));
                    return slugs;
                })
                .onItem().transformToMulti(slugs -> Multi.createFrom().iterable(slugs))
                .onItem().transformToUniAndConcatenate(slug -> directory.bySlug(slug).chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(0) : work.apply(new TenantScope(found.get()))))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }
}
