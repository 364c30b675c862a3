package org.socialcrm.graphql;

import java.util.function.Function;

import graphql.language.Field;

/** A shape whose fields are computed by one function of the field: the parts of a connection (edges, pageInfo). */
final class PartShape implements RowShape {

    private final String typeName;
    private final Function<Field, TextValue> fields;

    PartShape(String typeName, Function<Field, TextValue> fields) {
        this.typeName = typeName;
        this.fields = fields;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public TextValue field(Field field, String row, SelectionCompiler compiler) {
        return fields.apply(field);
    }
}
