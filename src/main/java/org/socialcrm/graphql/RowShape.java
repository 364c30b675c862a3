package org.socialcrm.graphql;

import graphql.language.Field;

/** How the fields of one GraphQL object type are read from a row of its table. */
interface RowShape {

    String typeName();

    /**
     * {@code field}'s value for the row aliased {@code row}.
     *
     * @throws NotCompilable for a field this shape does not compile
     */
    TextValue field(Field field, String row, SelectionCompiler compiler);
}
