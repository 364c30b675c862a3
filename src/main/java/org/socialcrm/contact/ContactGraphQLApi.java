package org.socialcrm.contact;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.PageSize;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class ContactGraphQLApi {

    private final TenantRequests requests;
    private final ContactRepository contacts;

    public ContactGraphQLApi(TenantRequests requests, ContactRepository contacts) {
        this.requests = requests;
        this.contacts = contacts;
    }

    @Query("contact")
    public Uni<Contact> contact(@Id @NonNull @Name("id") String id) {
        long contactId = Ids.parse(id);
        return requests.run(Permission.READ, connection -> contacts.findById(connection, contactId).map(c -> c.orElse(null)));
    }

    @Query("contacts")
    public Uni<@NonNull ContactConnection> contacts(@DefaultValue("50") Integer first, String after,
            @DefaultValue("UPDATED_AT_DESC") ContactOrder orderBy) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 50);
            ContactQuery query = new ContactQuery(orderBy);
            Cursor cursor = after == null ? null : Cursor.decode(after, query.order().cursorKind());
            return contacts.page(connection, query, cursor, size);
        });
    }

    @Description("How many contacts match, whatever the page.")
    public Uni<List<@NonNull Integer>> totalCount(@Source List<ContactConnection> connections) {
        return requests.run(Permission.READ, connection -> io.smallrye.mutiny.Multi.createFrom().iterable(connections)
                .onItem().transformToUniAndConcatenate(c -> contacts.count(connection, c.query()))
                .collect().asList());
    }

    @Mutation("createContact")
    public Uni<@NonNull Contact> createContact(@NonNull ContactInput input) {
        return requests.run(Permission.WRITE_CONTACTS, (scope, connection) -> {
            List<String> stages = scope.tenant().stageKeys();
            ContactValidator.validate(input, stages);
            return contacts.insert(connection, input, stages.get(0));
        });
    }
}
