package org.socialcrm.contact;

import static org.socialcrm.contact.ContactTable.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.PageInfo;
import org.socialcrm.graphql.ColumnValues;

import io.quarkus.arc.All;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for contacts, always on a connection whose transaction already points at the tenant's schema. */
@ApplicationScoped
public class ContactRepository {

    /** Queries per statement when many are asked at once: bounded so the statement stays far below PostgreSQL's 65,535 parameters. */
    static final int PER_STATEMENT = 50;

    private final ContactPrimaries primaries;
    private final List<ContactWritten> written;

    public ContactRepository(ContactPrimaries primaries, @All List<ContactWritten> written) {
        this.primaries = primaries;
        this.written = written;
    }

    public Uni<Contact> insert(SqlConnection connection, ContactInput input, String defaultStage) {
        LocationInput location = input.location() == null ? new LocationInput(null, null, null, null) : input.location();
        ConsentInput consent = input.consent() == null ? new ConsentInput(false, false, false) : input.consent();
        JsonObject attributes = ContactValidator.attributes(input.attributes());
        ColumnValues values = new ColumnValues()
                .set(DISPLAY_NAME, ContactValidator.displayName(input.firstName(), input.lastName(), input.email(), input.phone()))
                .set(FIRST_NAME, input.firstName()).set(LAST_NAME, input.lastName()).set(EMAIL, normalizeEmail(input.email()))
                .set(PHONE, PhoneNumbers.normalize(input.phone(), location.country()).map(PhoneNumbers.Normalized::e164).orElse(input.phone()))
                .set(CITY, location.city()).set(REGION, location.region())
                .set(COUNTRY, location.country()).set(POSTAL_CODE, location.postalCode())
                .set(TAGS, input.tags() == null ? new String[0] : input.tags().stream().distinct().toArray(String[]::new))
                .set(ATTRIBUTES, attributes == null ? new JsonObject() : attributes)
                .set(CONSENT_EMAIL, Boolean.TRUE.equals(consent.email())).set(CONSENT_SMS, Boolean.TRUE.equals(consent.sms()))
                .set(CONSENT_TRACKING, Boolean.TRUE.equals(consent.tracking()))
                .set(LIFECYCLE_STAGE, input.lifecycleStage() != null ? input.lifecycleStage() : defaultStage);
        return connection.preparedQuery(values.insertInto(TABLE, " returning *")).execute(values.tuple())
                .map(rows -> ContactRows.toContact(rows.iterator().next()))
                // a duplicate email is refused here, by contact_email's unique index (tenant migration V122)
                .call(contact -> primaries.sync(connection, contact))
                .call(contact -> written(connection, contact))
                .call(contact -> recordTransition(connection, Long.parseLong(contact.id()), null, contact.lifecycleStage(), "created"));
    }

    /**
     * Applies the given fields; a field left out keeps its value. Tags and attributes are replaced when given.
     * The lifecycle stage is not changed here: stage moves go through the lifecycle history (LifecycleHistory.move).
     */
    public Uni<Optional<Contact>> update(SqlConnection connection, long id, ContactInput input) {
        return findForUpdate(connection, id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Contact> empty());
            }
            Contact current = found.get();
            LocationInput location = input.location();
            Location old = current.location() == null ? new Location(null, null, null, null) : current.location();
            String firstName = pick(input.firstName(), current.firstName());
            String lastName = pick(input.lastName(), current.lastName());
            String email = pick(normalizeEmail(input.email()), current.email());
            String country = location == null ? old.country() : pick(location.country(), old.country());
            String phone = input.phone() == null ? current.phone()
                    : PhoneNumbers.normalize(input.phone(), country).map(PhoneNumbers.Normalized::e164).orElse(input.phone());
            ConsentInput consent = input.consent();
            JsonObject attributes = ContactValidator.attributes(input.attributes());
            String stage = current.lifecycleStage();
            ColumnValues values = new ColumnValues()
                    .set(DISPLAY_NAME, ContactValidator.displayName(firstName, lastName, email, phone))
                    .set(FIRST_NAME, firstName).set(LAST_NAME, lastName).set(EMAIL, email).set(PHONE, phone)
                    .set(CITY, location == null ? old.city() : pick(location.city(), old.city()))
                    .set(REGION, location == null ? old.region() : pick(location.region(), old.region()))
                    .set(COUNTRY, location == null ? old.country() : pick(location.country(), old.country()))
                    .set(POSTAL_CODE, location == null ? old.postalCode() : pick(location.postalCode(), old.postalCode()))
                    .set(TAGS, input.tags() == null ? current.tags().toArray(String[]::new)
                            : input.tags().stream().distinct().toArray(String[]::new))
                    .set(ATTRIBUTES, attributes == null ? new JsonObject(current.attributes().toString()) : attributes)
                    .set(CONSENT_EMAIL, consent == null || consent.email() == null ? current.consent().email() : consent.email())
                    .set(CONSENT_SMS, consent == null || consent.sms() == null ? current.consent().sms() : consent.sms())
                    .set(CONSENT_TRACKING, consent == null || consent.tracking() == null ? current.consent().tracking() : consent.tracking())
                    .set(LIFECYCLE_STAGE, stage);
            return connection.preparedQuery(values.update(TABLE, "updated_at = now()", ID, " returning *")).execute(values.tuple(id))
                    .map(rows -> ContactRows.toContact(rows.iterator().next()))
                    .call(updated -> primaries.sync(connection, updated))
                    .call(updated -> written(connection, updated))
                    .map(Optional::of);
        });
    }

    public Uni<Optional<Contact>> findForUpdate(SqlConnection connection, long id) {
        return connection.preparedQuery("select * from contact where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(ContactRows.toContact(rows.iterator().next()))
                        : Optional.empty());
    }

    public Uni<List<Contact>> findByIds(SqlConnection connection, long[] ids) {
        return connection.preparedQuery("select * from contact where id = any($1)").execute(Tuple.of(ids))
                .map(rows -> {
                    List<Contact> list = new ArrayList<>();
                    rows.forEach(row -> list.add(ContactRows.toContact(row)));
                    return list;
                });
    }

    /** Tells the features that keep something per written contact (ContactWritten), in this transaction. */
    private Uni<Void> written(SqlConnection connection, Contact contact) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (ContactWritten step : written) {
            done = done.chain(() -> step.written(connection, new long[] { Long.parseLong(contact.id()) }));
        }
        return done;
    }

    Uni<Void> recordTransition(SqlConnection connection, long contactId, String from, String to, String source) {
        return connection.preparedQuery("insert into lifecycle_transition (contact_id, from_stage, to_stage, source) values ($1, $2, $3, $4)")
                .execute(Tuple.of(contactId, from, to, source)).replaceWithVoid();
    }

    private static String pick(String given, String current) {
        return given != null ? given : current;
    }

    public Uni<Optional<Contact>> findById(SqlConnection connection, long id) {
        return connection.preparedQuery("select * from contact where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(ContactRows.toContact(rows.iterator().next()))
                        : Optional.empty());
    }

    /** Every contact the query selects, each with the text of {@code keyColumn} (an expression over alias {@code c}). */
    public Uni<List<Map.Entry<String, Contact>>> listKeyed(SqlConnection connection, ContactQuery query, String keyColumn) {
        ContactQuery.Statement statement = query.rows("(" + keyColumn + ")::text as list_key");
        return connection.preparedQuery(statement.sql()).execute(statement.params()).map(rows -> {
            List<Map.Entry<String, Contact>> list = new ArrayList<>();
            rows.forEach(row -> list.add(Map.entry(row.getString("list_key"), ContactRows.toContact(row))));
            return list;
        });
    }

    public Uni<ContactConnection> page(SqlConnection connection, ContactQuery query, Cursor after, int first) {
        ContactQuery.Statement statement = query.page(after, first);
        return connection.preparedQuery(statement.sql()).execute(statement.params()).map(rows -> connectionOf(query, rows, first));
    }

    /** One page per query (the contacts of many segments), in one statement per {@value #PER_STATEMENT} queries. */
    public Uni<List<ContactConnection>> pages(SqlConnection connection, List<ContactQuery> queries, Cursor after, int first) {
        return inChunks(queries, chunk -> {
            ContactQuery.Statement statement = ContactQuery.pages(chunk, after, first);
            return connection.preparedQuery(statement.sql()).execute(statement.params()).map(rows -> {
                List<List<Row>> byPart = new ArrayList<>();
                chunk.forEach(q -> byPart.add(new ArrayList<>()));
                rows.forEach(row -> byPart.get(row.getInteger("part")).add(row));
                List<ContactConnection> pages = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    pages.add(connectionOf(chunk.get(i), byPart.get(i), first));
                }
                return pages;
            });
        });
    }

    /** How many contacts each query matches, in one statement per {@value #PER_STATEMENT} queries. */
    public Uni<List<Integer>> counts(SqlConnection connection, List<ContactQuery> queries) {
        return inChunks(queries, chunk -> {
            ContactQuery.Statement statement = ContactQuery.counts(chunk);
            return connection.preparedQuery(statement.sql()).execute(statement.params()).map(rows -> {
                Row row = rows.iterator().next();
                List<Integer> counts = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    counts.add((int) row.getLong(i).longValue());
                }
                return counts;
            });
        });
    }

    private static <T> Uni<List<T>> inChunks(List<ContactQuery> queries, Function<List<ContactQuery>, Uni<List<T>>> statement) {
        if (queries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<List<ContactQuery>> chunks = new ArrayList<>();
        for (int i = 0; i < queries.size(); i += PER_STATEMENT) {
            chunks.add(queries.subList(i, Math.min(queries.size(), i + PER_STATEMENT)));
        }
        return Multi.createFrom().iterable(chunks).onItem().<List<T>>transformToUniAndConcatenate(statement::apply).collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private static ContactConnection connectionOf(ContactQuery query, Iterable<Row> rows, int first) {
        List<ContactEdge> edges = new ArrayList<>();
        boolean more = false;
        for (Row row : rows) {
            if (edges.size() == first) {
                more = true;
                break;
            }
            edges.add(new ContactEdge(query.cursorOf(row.getString("sort_key"), row.getLong("id")).encode(), ContactRows.toContact(row)));
        }
        return new ContactConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), query);
    }

    public Uni<Integer> count(SqlConnection connection, ContactQuery query) {
        return counts(connection, List.of(query)).map(counts -> counts.get(0));
    }

    static String normalizeEmail(String email) {
        return email == null ? null : email.trim();
    }
}
