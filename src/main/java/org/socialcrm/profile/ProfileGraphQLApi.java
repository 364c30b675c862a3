package org.socialcrm.profile;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.Ids;
import org.socialcrm.contact.Contact;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** The profile parts of Contact (batched: one statement per page and field), consent and custom field definitions. */
@GraphQLApi
public class ProfileGraphQLApi {

    private final TenantRequests requests;
    private final TenantAccess access;
    private final ProfileRepository profiles;
    private final ChannelPreferences preferences;
    private final CustomFields customFields;
    private final ContactRepository contacts;

    public ProfileGraphQLApi(TenantRequests requests, TenantAccess access, ProfileRepository profiles,
            ChannelPreferences preferences, CustomFields customFields, ContactRepository contacts) {
        this.requests = requests;
        this.access = access;
        this.profiles = profiles;
        this.preferences = preferences;
        this.customFields = customFields;
        this.contacts = contacts;
    }

    @NonNull
    public Uni<List<List<@NonNull ContactEmail>>> emails(@Source List<Contact> parents) {
        return requests.run(Permission.READ, connection -> profiles.emails(connection, ids(parents)));
    }

    @NonNull
    public Uni<List<List<@NonNull ContactPhone>>> phones(@Source List<Contact> parents) {
        return requests.run(Permission.READ, connection -> profiles.phones(connection, ids(parents)));
    }

    @NonNull
    @Description("Ids of this person in other systems: a voter file, a donor database, a shop, a partner's CRM.")
    public Uni<List<List<@NonNull ExternalId>>> externalIds(@Source List<Contact> parents) {
        return requests.run(Permission.READ, connection -> profiles.externalIds(connection, ids(parents)));
    }

    @NonNull
    public Uni<List<List<@NonNull ChannelPreference>>> channelPreferences(@Source List<Contact> parents) {
        return requests.run(Permission.READ, connection -> profiles.channelPreferences(connection, ids(parents)));
    }

    @Mutation("setChannelPreference")
    @Description("Per-channel consent of one contact (who said it, when, on what legal basis).")
    public Uni<@NonNull Contact> setChannelPreference(@Id @NonNull @Name("contactId") String contactId,
            @NonNull @Name("input") ChannelPreferenceInput input) {
        return requests.mutate(Permission.WRITE_CONTACTS, "contact.channel-preference", (scope, connection) -> {
            long id = Ids.parse(contactId);
            return preferences.set(connection, access.caller().subject(), id, input)
                    .chain(() -> contacts.findById(connection, id)).map(Optional::orElseThrow);
        }, Contact::id);
    }

    @Query("customFields")
    public Uni<@NonNull List<@NonNull CustomFieldDefinition>> customFields() {
        return requests.run(Permission.READ, connection -> customFields.definitions(connection).map(d -> List.copyOf(d.values())));
    }

    @Mutation("defineCustomField")
    public Uni<@NonNull CustomFieldDefinition> defineCustomField(@NonNull @Name("input") CustomFieldInput input) {
        return requests.mutate(Permission.MANAGE_CUSTOM_FIELDS, "custom-field.define",
                (scope, connection) -> customFields.define(connection, input), CustomFieldDefinition::key);
    }

    static List<Long> ids(List<Contact> parents) {
        return parents.stream().map(c -> Ids.parse(c.id())).toList();
    }
}
