package org.socialcrm.change;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the outbox in feed order. Only rows of transactions older than the horizon are read: the snapshot xmin of a
 * statement run just before the page, so every transaction that could still add a row before them has ended, and a
 * reader that resumes after the last position it saw misses nothing. (A transaction running for long anywhere in the
 * database holds the feed back meanwhile.) The horizon is its own table-less statement, not part of the page: on a
 * Citus coordinator the rows carry the coordinator's transaction ids (an insert's defaults are evaluated there) and a
 * table-less statement runs there too, while the page runs whole on the tenant's worker, whose snapshot counts other
 * transaction ids (docs/scale-out.md). On a single PostgreSQL both run on the one server: same result.
 */
@ApplicationScoped
public class ChangeFeed {

    public static final String PAGE = "select " + Change.COLUMNS + " from change "
            + "where (tx_id, id) > ($1::text::xid8, $2) and tx_id < $5::text::xid8 "
            + "and ($3::text[] is null or type = any($3::text[])) order by tx_id, id limit $4";

    /**
     * The position from which a new reader sees only what commits from now on (and what is about to); also the horizon
     * of a page read after it.
     */
    public static final String HEAD = "select pg_snapshot_xmin(pg_current_snapshot())::text as tx";

    public static Tuple pageArgs(ChangePosition after, List<String> types, int limit, ChangePosition horizon) {
        ChangePosition from = after == null ? ChangePosition.START : after;
        return Tuple.of(Long.toString(from.txId()), from.id(), types == null ? null : types.toArray(String[]::new), limit,
                Long.toString(horizon.txId()));
    }

    public static List<Change> changes(RowSet<Row> rows) {
        List<Change> list = new ArrayList<>();
        rows.forEach(row -> list.add(Change.of(row)));
        return list;
    }

    public static ChangePosition head(RowSet<Row> rows) {
        return new ChangePosition(Long.parseLong(rows.iterator().next().getString("tx")), 0);
    }

    public Uni<List<Change>> page(SqlConnection connection, ChangePosition after, List<String> types, int limit) {
        return connection.preparedQuery(HEAD).execute().map(ChangeFeed::head)
                .chain(horizon -> connection.preparedQuery(PAGE).execute(pageArgs(after, types, limit, horizon)))
                .map(ChangeFeed::changes);
    }
}
