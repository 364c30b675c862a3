package org.socialcrm.graphql;

/**
 * What a feature contributes to compiled reads (a CDI bean in the feature's package): the types of its table
 * descriptions, the nested fields it adds to types (its own or other features', as its GraphQL API does with
 * {@code @Source}), and the root query fields it compiles. Types and fields are named as in the GraphQL schema, so
 * features refer to each other's types by name, not by class.
 */
public interface CompiledFields {

    void describe(CompiledSchema.Builder schema);
}
