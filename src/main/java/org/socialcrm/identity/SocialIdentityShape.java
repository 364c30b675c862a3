package org.socialcrm.identity;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.ApiException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.common.Network;
import org.socialcrm.graphql.CompiledFields;
import org.socialcrm.graphql.CompiledSchema;
import org.socialcrm.graphql.ConnectionArguments;
import org.socialcrm.graphql.ConnectionShape;
import org.socialcrm.graphql.NotCompilable;
import org.socialcrm.graphql.SelectionCompiler;
import org.socialcrm.graphql.SqlJson;
import org.socialcrm.graphql.TextValue;

import graphql.language.Field;

/**
 * SocialIdentity in compiled reads: the identity row ({@link SocialIdentityTable}), its contact, a contact's
 * identities ({@code Contact.socialIdentities}, as {@link IdentityGraphQLApi} adds it), and the root field
 * {@code influencers}, whose filter and page come from {@link InfluencerFilter} as on the general path.
 */
@ApplicationScoped
public class SocialIdentityShape implements CompiledFields {

    private static final ConnectionShape INFLUENCERS = new ConnectionShape("InfluencerConnection", "InfluencerEdge",
            "SocialIdentity", null);

    @Override
    public void describe(CompiledSchema.Builder schema) {
        schema.type(SocialIdentityTable.SOCIAL_IDENTITY)
                .field("SocialIdentity", "contact", (field, row, compiler) -> compiler.byId("Contact", field, "contact",
                        row + "." + SocialIdentityTable.CONTACT_ID.name()))
                .field("Contact", "socialIdentities", (field, row, compiler) -> compiler.children("SocialIdentity", field, row,
                        SocialIdentityTable.TABLE, SocialIdentityTable.CONTACT_ID.name(), SocialIdentityRepository.CONTACT_ORDER))
                .root("influencers", SocialIdentityShape::influencers);
    }

    private static TextValue influencers(Field field, String row, SelectionCompiler compiler) {
        Map<String, Object> arguments = compiler.arguments("Query", field);
        int first = ConnectionArguments.first(arguments, 20);
        Cursor after = ConnectionArguments.after(arguments, InfluencerFilter.CURSOR_KIND, CursorKey.NUMBER);
        if (after != null) {
            try {
                Double.parseDouble(after.sortKey());
            } catch (NumberFormatException e) {
                throw new NotCompilable("a malformed cursor");
            }
        }
        InfluencerFilter filter;
        try {
            filter = new InfluencerFilter(constant(Network.class, arguments.get("network")), ConnectionArguments.decimal(arguments.get("minScore")),
                    (String) arguments.get("topic"), constant(InfluencerTier.class, arguments.get("tier")));
        } catch (ApiException e) {
            throw new NotCompilable("a filter the general path refuses");
        }
        InfluencerFilter.Statement page = filter.page(after, first);
        InfluencerFilter.Statement count = filter.count();
        SqlJson sql = compiler.sql();
        String numbered = "select s.*, row_number() over (order by s.sort_key desc, s.id desc) as rn from ("
                + sql.embed(page.sql(), page.params()) + ") s";
        return INFLUENCERS.compile(field, numbered, first, () -> sql.embed(count.sql(), count.params()), compiler);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Object value) {
        return value == null ? null : Enum.valueOf(type, String.valueOf(value));
    }
}
