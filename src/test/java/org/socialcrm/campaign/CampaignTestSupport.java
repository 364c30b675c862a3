package org.socialcrm.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Test fixtures of the campaign tests: fresh tenants (created through the API, so their totals are exact) and
 * direct SQL for rows that other features own (social identities, lifecycle transitions, erased counts).
 */
@ApplicationScoped
public class CampaignTestSupport {

    private final TenantDirectory directory;
    private final TenantTransactions transactions;

    public CampaignTestSupport(TenantDirectory directory, TenantTransactions transactions) {
        this.directory = directory;
        this.transactions = transactions;
    }

    /** Creates a tenant with the given stages through createTenant (as a platform admin) and returns its slug. */
    public static String freshTenant(String prefix, List<String> stages) {
        String slug = prefix + "-" + Long.toString(System.nanoTime(), 36);
        GraphQLClient platform = GraphQLClient.as(Tokens.user().roles("platform-admin").sign());
        JsonPath created = platform.ok("mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }",
                Map.of("input", Map.of("slug", slug, "name", "Attribution " + slug, "kind", "BRAND", "lifecycleStages", stages)));
        assertEquals(slug, created.getString("data.createTenant.slug"));
        return slug;
    }

    public static GraphQLClient admin(String slug) {
        return GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
    }

    /** Runs one statement in the tenant's schema and returns its rows as maps. */
    public List<Map<String, Object>> sql(String slug, String sql, Object... params) {
        var tenant = directory.bySlug(slug).await().indefinitely().orElseThrow();
        return transactions.inTenant(new TenantScope(tenant), connection -> connection.preparedQuery(sql)
                .execute(Tuple.from(params)).map(rows -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Row row : rows) {
                        Map<String, Object> map = new HashMap<>();
                        for (int i = 0; i < row.size(); i++) {
                            map.put(row.getColumnName(i), row.getValue(i));
                        }
                        out.add(map);
                    }
                    return out;
                })).await().indefinitely();
    }

    /** Whether the tenant has a row with this id in the table (ids are per tenant schema, so they can collide). */
    public boolean exists(String slug, String table, String id) {
        if (!List.of("contact", "campaign", "conversion", "touchpoint").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return (Boolean) sql(slug, "select exists (select 1 from " + table + " where id = $1) as e", Long.parseLong(id))
                .get(0).get("e");
    }

    /** A contact with a social identity (an influencer); returns the identity id. */
    public long influencer(String slug, String handle, String stage) {
        long contact = (Long) sql(slug, "insert into contact (display_name, lifecycle_stage) values ($1, $2) returning id",
                handle, stage).get(0).get("id");
        return (Long) sql(slug, "insert into social_identity (contact_id, network, handle, handle_normalized, is_influencer) "
                + "values ($1, 'INSTAGRAM', $2, lower($2), true) returning id", contact, handle).get(0).get("id");
    }

    /** A lifecycle transition at the given time (ISO-8601). */
    public void transition(String slug, String contactId, String fromStage, String toStage, String at) {
        sql(slug, "insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at, source) "
                + "values ($1, $2, $3, $4::text::timestamptz, 'test')", Long.parseLong(contactId), fromStage, toStage, at);
    }

    public static String createContact(GraphQLClient client, String firstName) {
        return client.ok("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", firstName, "tags", List.of()))).getString("data.createContact.id");
    }

    public static String createCampaign(GraphQLClient client, String name) {
        return client.ok("mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }",
                Map.of("input", Map.of("name", name, "status", "ACTIVE"))).getString("data.createCampaign.id");
    }

    /** Records a touchpoint; campaignId and influencerId may be null. */
    public static String touch(GraphQLClient client, String contactId, String campaignId, String channel, Long influencerId,
            String at) {
        Map<String, Object> input = new HashMap<>();
        input.put("contactId", contactId);
        input.put("channel", channel);
        input.put("occurredAt", at);
        if (campaignId != null) {
            input.put("campaignId", campaignId);
        }
        if (influencerId != null) {
            input.put("influencerIdentityId", String.valueOf(influencerId));
        }
        return client.ok("mutation($input: TouchpointInput!) { recordTouchpoint(input: $input) { id } }",
                Map.of("input", input)).getString("data.recordTouchpoint.id");
    }

    public static String convert(GraphQLClient client, String contactId, String at, Double value, String stage) {
        Map<String, Object> input = new HashMap<>();
        input.put("contactId", contactId);
        input.put("occurredAt", at);
        if (value != null) {
            input.put("value", value);
        }
        if (stage != null) {
            input.put("stage", stage);
        }
        return client.ok("mutation($input: ConversionInput!) { recordConversion(input: $input) { id } }",
                Map.of("input", input)).getString("data.recordConversion.id");
    }
}
