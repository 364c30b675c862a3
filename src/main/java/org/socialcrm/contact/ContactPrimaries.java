package org.socialcrm.contact;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps a contact's {@code email} and {@code phone} columns (the primaries of the v1 API) among its matching keys
 * ({@code contact_email}, {@code contact_phone}): the primary is flagged, and a key owned by another contact is
 * refused, as a duplicate primary email always was.
 */
@ApplicationScoped
public class ContactPrimaries {

    private static final String EMAIL = """
            with unflag as (
              update contact_email set is_primary = false where contact_id = $1 and is_primary and address_norm is distinct from $2::text
            ), ins as (
              insert into contact_email (contact_id, address, address_norm, is_primary) select $1, $3::text, $2::text, true
              where $2::text is not null
              on conflict (address_norm) do update set is_primary = true where contact_email.contact_id = excluded.contact_id
              returning contact_id
            )
            select $2::text is null or exists (select 1 from ins)""";

    private static final String PHONE = """
            with unflag as (
              update contact_phone set is_primary = false where contact_id = $1 and is_primary and e164 is distinct from $2::text
            ), ins as (
              insert into contact_phone (contact_id, e164, kind, is_primary) select $1, $2::text, $3::text, true
              where $2::text is not null
              on conflict (e164) do update set is_primary = true where contact_phone.contact_id = excluded.contact_id
              returning contact_id
            )
            select $2::text is null or exists (select 1 from ins)""";

    public Uni<Void> sync(SqlConnection connection, Contact contact) {
        long id = Long.parseLong(contact.id());
        String email = EmailAddresses.normalize(contact.email());
        PhoneNumbers.Normalized phone = PhoneNumbers.normalize(contact.phone(), null).orElse(null);
        return connection.preparedQuery(EMAIL).execute(Tuple.of(id, email, contact.email() == null ? null : contact.email().trim()))
                .invoke(rows -> refuseTaken(rows.iterator().next().getBoolean(0), "email"))
                .chain(() -> connection.preparedQuery(PHONE)
                        .execute(Tuple.of(id, phone == null ? null : phone.e164(), phone == null ? null : phone.kind())))
                .invoke(rows -> refuseTaken(rows.iterator().next().getBoolean(0), "phone"))
                .replaceWithVoid();
    }

    private static void refuseTaken(Boolean ok, String field) {
        if (!Boolean.TRUE.equals(ok)) {
            throw new BadUserInputException(field, "is already used by another contact");
        }
    }
}
