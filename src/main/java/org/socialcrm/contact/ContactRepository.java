package org.socialcrm.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.PageInfo;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** SQL for contacts, always on a connection whose transaction already points at the tenant's schema. */
@ApplicationScoped
public class ContactRepository {

    private final ContactPrimaries primaries;

    public ContactRepository(ContactPrimaries primaries) {
        this.primaries = primaries;
    }

    static final String INSERT = "insert into contact (display_name, first_name, last_name, email, phone, city, region, "
            + "country, postal_code, tags, attributes, consent_email, consent_sms, consent_tracking, lifecycle_stage) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning *";

    public Uni<Contact> insert(SqlConnection connection, ContactInput input, String defaultStage) {
        LocationInput location = input.location() == null ? new LocationInput(null, null, null, null) : input.location();
        ConsentInput consent = input.consent() == null ? new ConsentInput(false, false, false) : input.consent();
        JsonObject attributes = ContactValidator.attributes(input.attributes());
        Tuple values = Tuple.tuple(List.of(
                ContactValidator.displayName(input.firstName(), input.lastName(), input.email(), input.phone())))
                .addString(input.firstName()).addString(input.lastName()).addString(normalizeEmail(input.email()))
                .addString(PhoneNumbers.normalize(input.phone(), location.country()).map(PhoneNumbers.Normalized::e164).orElse(input.phone()))
                .addString(location.city()).addString(location.region())
                .addString(location.country()).addString(location.postalCode())
                .addArrayOfString(input.tags() == null ? new String[0] : input.tags().stream().distinct().toArray(String[]::new))
                .addJsonObject(attributes == null ? new JsonObject() : attributes)
                .addBoolean(Boolean.TRUE.equals(consent.email())).addBoolean(Boolean.TRUE.equals(consent.sms()))
                .addBoolean(Boolean.TRUE.equals(consent.tracking()))
                .addString(input.lifecycleStage() != null ? input.lifecycleStage() : defaultStage);
        return connection.preparedQuery(INSERT).execute(values)
                .map(rows -> ContactRows.toContact(rows.iterator().next()))
                .onFailure(ContactRepository::isDuplicateEmail)
                .transform(e -> new BadUserInputException("email", "is already used by another contact"))
                .call(contact -> primaries.sync(connection, contact))
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
            Tuple values = Tuple.tuple()
                    .addString(ContactValidator.displayName(firstName, lastName, email, phone))
                    .addString(firstName).addString(lastName).addString(email).addString(phone)
                    .addString(location == null ? old.city() : pick(location.city(), old.city()))
                    .addString(location == null ? old.region() : pick(location.region(), old.region()))
                    .addString(location == null ? old.country() : pick(location.country(), old.country()))
                    .addString(location == null ? old.postalCode() : pick(location.postalCode(), old.postalCode()))
                    .addArrayOfString(input.tags() == null ? current.tags().toArray(String[]::new)
                            : input.tags().stream().distinct().toArray(String[]::new))
                    .addValue(attributes == null ? new JsonObject(current.attributes().toString()) : attributes)
                    .addBoolean(consent == null || consent.email() == null ? current.consent().email() : consent.email())
                    .addBoolean(consent == null || consent.sms() == null ? current.consent().sms() : consent.sms())
                    .addBoolean(consent == null || consent.tracking() == null ? current.consent().tracking() : consent.tracking())
                    .addString(stage)
                    .addLong(id);
            return connection.preparedQuery("update contact set display_name = $1, first_name = $2, last_name = $3, email = $4, "
                    + "phone = $5, city = $6, region = $7, country = $8, postal_code = $9, tags = $10, attributes = $11, "
                    + "consent_email = $12, consent_sms = $13, consent_tracking = $14, lifecycle_stage = $15, updated_at = now() "
                    + "where id = $16 returning *").execute(values)
                    .onFailure(ContactRepository::isDuplicateEmail)
                    .transform(e -> new BadUserInputException("email", "is already used by another contact"))
                    .map(rows -> ContactRows.toContact(rows.iterator().next()))
                    .call(updated -> primaries.sync(connection, updated))
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

    public Uni<ContactConnection> page(SqlConnection connection, ContactQuery query, Cursor after, int first) {
        ContactQuery.Statement statement = query.page(after, first);
        return connection.preparedQuery(statement.sql()).execute(statement.params()).map(rows -> {
            List<ContactEdge> edges = new ArrayList<>();
            boolean more = false;
            for (Row row : rows) {
                if (edges.size() == first) {
                    more = true;
                    break;
                }
                edges.add(new ContactEdge(query.cursorOf(row.getString("sort_key"), row.getLong("id")).encode(),
                        ContactRows.toContact(row)));
            }
            return new ContactConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                    query);
        });
    }

    public Uni<Integer> count(SqlConnection connection, ContactQuery query) {
        ContactQuery.Statement statement = query.count();
        return connection.preparedQuery(statement.sql()).execute(statement.params())
                .map(rows -> (int) rows.iterator().next().getLong(0).longValue());
    }

    static String normalizeEmail(String email) {
        return email == null ? null : email.trim();
    }

    private static boolean isDuplicateEmail(Throwable failure) {
        // Citus reports the constraint of the shard: contact_email_uq_102739 (docs/scale-out.md)
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && String.valueOf(pg.getConstraint()).matches("contact_email_uq(_[0-9]+)?");
    }
}
