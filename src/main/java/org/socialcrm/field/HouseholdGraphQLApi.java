package org.socialcrm.field;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.PageSize;
import org.socialcrm.contact.Contact;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Households: the list, a contact's household and a household's members (batched: one statement per page). */
@GraphQLApi
public class HouseholdGraphQLApi {

    private final TenantRequests requests;
    private final HouseholdRepository households;

    public HouseholdGraphQLApi(TenantRequests requests, HouseholdRepository households) {
        this.requests = requests;
        this.households = households;
    }

    @Query("households")
    public Uni<@NonNull HouseholdConnection> households(@DefaultValue("50") Integer first, String after, String postalCode) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 50);
            if (postalCode != null && postalCode.length() > 20) {
                throw new BadUserInputException("postalCode", "at most 20 characters");
            }
            Cursor cursor = after == null ? null : Cursor.decode(after, HouseholdRepository.CURSOR_KIND);
            return households.page(connection, postalCode, cursor, size);
        });
    }

    @NonNull
    public Uni<List<Integer>> totalCount(@Source List<HouseholdConnection> pages) {
        return requests.run(Permission.READ, connection -> Multi.createFrom().iterable(pages)
                .onItem().transformToUniAndConcatenate(page -> households.count(connection, page.postalCode())).collect().asList());
    }

    public Uni<List<Household>> household(@Source List<Contact> contacts) {
        return requests.run(Permission.READ, connection -> households.ofContacts(connection,
                contacts.stream().map(c -> Ids.parse(c.id())).toList()));
    }

    @NonNull
    public Uni<List<List<@NonNull Contact>>> members(@Source List<Household> parents) {
        return requests.run(Permission.READ, connection -> households.members(connection, parents.stream().map(Household::id).toList()));
    }
}
