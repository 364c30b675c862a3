package org.socialcrm.graphql;

import graphql.language.Field;

/** How the fields of one GraphQL object type are read from a row of its table. */
interface RowShape {

    String typeName();

    /**
     * The SQL expression of {@code field}'s JSON value for the row aliased {@code row}.
     *
     * @throws NotCompilable for a field this shape does not compile
     */
    String field(Field field, String row, SelectionCompiler compiler);
}
