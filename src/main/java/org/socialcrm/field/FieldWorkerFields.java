package org.socialcrm.field;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;

/**
 * What a field worker may select: an allow-list of root fields, and of the types below them (every field of an allowed
 * type, but for the few that lead to other contacts or to tenant-wide data). Anything added to the schema later is
 * refused to field workers until it is listed here: the list fails closed.
 */
final class FieldWorkerFields {

    static final Map<String, Set<String>> ROOT_FIELDS = Map.of(
            "Query", Set.of("me", "contact", "contacts", "myTurfs", "turf", "lifecycleStages"),
            "Mutation", Set.of("recordCanvass", "recordCanvasses"),
            "Subscription", Set.of());

    static final Set<String> TYPES = Set.of("Viewer", "Tenant", "Contact", "ContactConnection", "ContactEdge", "PageInfo",
            "Location", "Consent", "Address", "ContactEmail", "ContactPhone", "ExternalId", "ChannelPreference", "LifecycleStage",
            "LifecycleTransition", "Campaign", "TouchpointConnection", "TouchpointEdge", "Touchpoint", "SocialIdentity",
            "MetricPoint", "Household", "WalkStop", "Turf", "TurfProgress", "CanvassResult");

    /** Fields of allowed types that reach other contacts or the tenant's targeting. */
    static final Set<String> REFUSED = Set.of("Contact.duplicateCandidates", "Touchpoint.influencer", "Turf.segment", "Tenant.agency");

    private FieldWorkerFields() {
    }

    /** The first field of the operation a field worker may not select ({@code Type.field}), or null. */
    static String firstRefused(ExecutionContext context) {
        GraphQLSchema schema = context.getGraphQLSchema();
        AtomicReference<String> refused = new AtomicReference<>();
        QueryTraverser.newQueryTraverser().schema(schema).document(context.getDocument())
                .operationName(context.getOperationDefinition().getName()).coercedVariables(context.getCoercedVariables())
                .build().visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment environment) {
                        // __typename has no fields container (graphql-java throws); clients such as Apollo add it everywhere
                        if (environment.isTypeNameIntrospectionField()) {
                            return;
                        }
                        if (refused.get() == null && !allowed(schema, environment.getFieldsContainer(), environment.getField().getName())) {
                            refused.set(environment.getFieldsContainer().getName() + "." + environment.getField().getName());
                        }
                    }
                });
        return refused.get();
    }

    static boolean allowed(GraphQLSchema schema, GraphQLFieldsContainer parent, String field) {
        String type = parent.getName();
        if (field.startsWith("__") || type.startsWith("__")) {
            return true; // introspection: the schema is public (auth-contract.md)
        }
        Set<String> roots = ROOT_FIELDS.get(type);
        if (roots != null && isRoot(schema, parent)) {
            return roots.contains(field);
        }
        return TYPES.contains(type) && !REFUSED.contains(type + "." + field);
    }

    private static boolean isRoot(GraphQLSchema schema, GraphQLFieldsContainer parent) {
        return parent == schema.getQueryType() || parent == schema.getMutationType() || parent == schema.getSubscriptionType();
    }
}
