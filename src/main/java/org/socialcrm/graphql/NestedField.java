package org.socialcrm.graphql;

import graphql.language.Field;

/** A field that is not a column: a nested object, list or connection, compiled by the feature that owns it. */
@FunctionalInterface
public interface NestedField {

    /**
     * {@code field}'s value for the row aliased {@code row} (null for a root field).
     *
     * @throws NotCompilable when this use of the field does not compile (the whole operation goes the general way)
     */
    TextValue compile(Field field, String row, SelectionCompiler compiler);
}
