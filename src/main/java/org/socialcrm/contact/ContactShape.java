package org.socialcrm.contact;

import static org.socialcrm.contact.ContactTable.ADDRESS_PARTS;
import static org.socialcrm.contact.ContactTable.LOCATION_PARTS;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.graphql.Column;
import org.socialcrm.graphql.CompiledFields;
import org.socialcrm.graphql.CompiledSchema;

/**
 * Contact in compiled reads: the contact row's types (Contact, Consent, Location, Address, from {@link ContactTable})
 * and the root fields {@code contact} and {@code contacts} ({@link ContactRootFields}). Identities, history and
 * touchpoints are added by their features.
 */
@ApplicationScoped
public class ContactShape implements CompiledFields {

    @Override
    public void describe(CompiledSchema.Builder schema) {
        schema.type(ContactTable.CONTACT).type(ContactTable.CONSENT).type(ContactTable.LOCATION).type(ContactTable.ADDRESS)
                .field("Contact", "consent", (field, row, compiler) -> compiler.object("Consent", field, row))
                .field("Contact", "location", (field, row, compiler) -> compiler.object("Location", field, row)
                        .nullWhen(allNull(LOCATION_PARTS, row)))
                .field("Contact", "address", (field, row, compiler) -> compiler.object("Address", field, row)
                        .nullWhen(allNull(LOCATION_PARTS, row) + " and " + allNull(ADDRESS_PARTS, row)))
                .root("contact", ContactRootFields::contact)
                .root("contacts", ContactRootFields::contacts);
    }

    private static String allNull(List<? extends Column<?>> columns, String row) {
        return columns.stream().map(column -> row + "." + column.name() + " is null").collect(Collectors.joining(" and "));
    }
}
