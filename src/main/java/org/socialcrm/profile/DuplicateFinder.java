package org.socialcrm.profile;

import static org.socialcrm.tenancy.DatabasePoolCreator.CACHED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageInfo;
import org.socialcrm.contact.Contact;
import org.socialcrm.contact.ContactRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Probable duplicates, read from what the writes stored ({@code duplicate_pair}, one row per pair, kept by
 * {@link DuplicatePairs}): pairs recorded by ambiguous upserts (same external id, email, phone or handle pointing at two
 * contacts), e-mail local-part variants and similar names within one postal code, reasons merged. A pair's score is
 * its best reason's plus 0.05 for each further reason. Dismissed pairs never come back.
 */
@ApplicationScoped
public class DuplicateFinder {

    static final String CURSOR_KIND = "dup";

    /** The first page: the page index (score desc, contact_id, other_id) read from its start, $2 entries. */
    private static final String FIRST = "select contact_id, other_id, score, reasons from duplicate_pair where score >= $1 "
            + "order by score desc, contact_id, other_id limit $2";

    /** A page after the cursor ($2 score, $3/$4 pair): the index read from the cursor on ({@code score <= $2} bounds it). */
    private static final String AFTER = "select contact_id, other_id, score, reasons from duplicate_pair where score >= $1 and score <= $2 "
            + "and (score < $2 or (contact_id, other_id) > ($3, $4)) order by score desc, contact_id, other_id limit $5";

    /** totalCount: an index-only count of the pairs at or above minScore (grows with the pairs, not the contacts). */
    private static final String TOTAL = "select count(*) from duplicate_pair where score >= $1";

    /** $1 = the contacts whose pairs are read. */
    private static final String PAIRS_OF = "select contact_id, other_id, score, reasons from duplicate_pair "
            + "where contact_id = any($1) or other_id = any($1) order by score desc, contact_id, other_id";

    private final ContactRepository contacts;

    public DuplicateFinder(ContactRepository contacts) {
        this.contacts = contacts;
    }

    public Uni<DuplicateCandidateConnection> page(SqlConnection connection, double minScore, Cursor after, int first) {
        Double afterScore = after == null ? null : Double.valueOf(after.sortKey().split("/")[0]);
        Long afterA = after == null ? null : after.id();
        Long afterB = after == null ? null : Long.valueOf(after.sortKey().split("/")[1]);
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> read = after == null
                ? connection.preparedQuery(CACHED + FIRST).execute(Tuple.of(minScore, first + 1))
                : connection.preparedQuery(CACHED + AFTER).execute(Tuple.of(minScore, afterScore, afterA, afterB, first + 1));
        return read.chain(rows -> connection.preparedQuery(CACHED + TOTAL).execute(Tuple.of(minScore))
                .map(count -> count.iterator().next().getLong(0)).map(total -> java.util.Map.entry(rows, total)))
                .chain(answered -> {
                    List<Row> list = new ArrayList<>();
                    answered.getKey().forEach(list::add);
                    boolean more = list.size() > first;
                    List<Row> page = list.subList(0, Math.min(first, list.size()));
                    int total = answered.getValue().intValue();
                    return candidates(connection, page).map(candidates -> {
                        List<DuplicateCandidateEdge> edges = new ArrayList<>();
                        for (int i = 0; i < page.size(); i++) {
                            Row row = page.get(i);
                            edges.add(new DuplicateCandidateEdge(new Cursor(CURSOR_KIND, row.getDouble("score") + "/" + row.getLong("other_id"),
                                    row.getLong("contact_id")).encode(), candidates.get(i)));
                        }
                        return new DuplicateCandidateConnection(edges, new PageInfo(more,
                                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), total);
                    });
                });
    }

    /** Contact.duplicateCandidates: the best {@code first} of each contact, seen from that contact. */
    public Uni<List<List<DuplicateCandidate>>> byContacts(SqlConnection connection, List<Long> ids, int first) {
        return connection.preparedQuery(CACHED + PAIRS_OF).execute(Tuple.tuple().addValue(ids.toArray(Long[]::new))).chain(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return candidates(connection, list).map(all -> {
                Map<Long, List<DuplicateCandidate>> byId = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    DuplicateCandidate c = all.get(i);
                    add(byId, Long.parseLong(c.contact().id()), c, first);
                    add(byId, Long.parseLong(c.other().id()), new DuplicateCandidate(c.other(), c.contact(), c.score(), c.reasons()), first);
                }
                return ids.stream().map(id -> byId.getOrDefault(id, List.of())).toList();
            });
        });
    }

    private static void add(Map<Long, List<DuplicateCandidate>> byId, long id, DuplicateCandidate candidate, int first) {
        List<DuplicateCandidate> list = byId.computeIfAbsent(id, k -> new ArrayList<>());
        if (list.size() < first) {
            list.add(candidate);
        }
    }

    private Uni<List<DuplicateCandidate>> candidates(SqlConnection connection, List<Row> pairs) {
        Set<Long> ids = new LinkedHashSet<>();
        pairs.forEach(r -> {
            ids.add(r.getLong("contact_id"));
            ids.add(r.getLong("other_id"));
        });
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return contacts.findByIds(connection, ids.stream().mapToLong(Long::longValue).toArray()).map(found -> {
            Map<String, Contact> byId = new HashMap<>();
            found.forEach(c -> byId.put(c.id(), c));
            List<DuplicateCandidate> out = new ArrayList<>();
            for (Row r : pairs) {
                out.add(new DuplicateCandidate(byId.get(r.getLong("contact_id").toString()), byId.get(r.getLong("other_id").toString()),
                        Math.round(r.getDouble("score") * 1000) / 1000.0, Arrays.asList(r.getArrayOfStrings("reasons"))));
            }
            return out;
        });
    }

    /** Hides the pair for good; NOT_FOUND unless both contacts exist. */
    public Uni<Boolean> dismiss(SqlConnection connection, long a, long b) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        return connection.preparedQuery("select count(*) from contact where id = any($1)").execute(Tuple.of(new Long[] { low, high }))
                .chain(rows -> {
                    if (low == high || rows.iterator().next().getLong(0) != 2) {
                        throw new NotFoundException("No such pair of contacts.");
                    }
                    return connection.preparedQuery("insert into duplicate_dismissal (contact_id, other_id) values ($1, $2) on conflict do nothing")
                            .execute(Tuple.of(low, high));
                })
                .chain(() -> connection.preparedQuery("delete from duplicate_candidate where contact_id = $1 and other_id = $2").execute(Tuple.of(low, high)))
                .chain(() -> connection.preparedQuery("delete from duplicate_pair where contact_id = $1 and other_id = $2").execute(Tuple.of(low, high)))
                .replaceWith(true);
    }
}
