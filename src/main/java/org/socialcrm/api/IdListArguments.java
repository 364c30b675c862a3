package org.socialcrm.api;

import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Scalars;
import io.smallrye.graphql.spi.EventingService;

/**
 * Serves list-of-String arguments named {@code …Ids} (e.g. {@code mergeContacts(duplicateIds)}) as {@code [ID!]},
 * as the contract declares them. SmallRye GraphQL cannot do it from {@code @Id}: on a list parameter it takes the
 * list class for the scalar's Java type and then fails every call ({@code Unknown Scalar Type [java.util.List]}).
 * Here the elements stay Strings in Java, only their GraphQL scalar becomes ID (which coerces to String). Found by
 * SmallRye through {@code META-INF/services}; applied to the model before the schema is built.
 */
public class IdListArguments implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public Operation createOperation(Operation operation) {
        if (operation.hasArguments()) {
            for (Argument argument : operation.getArguments()) {
                if (isStringIdList(argument)) {
                    argument.setReference(Scalars.getIDScalar(String.class.getName()));
                }
            }
        }
        return operation;
    }

    private static boolean isStringIdList(Argument argument) {
        Reference reference = argument.getReference();
        return argument.getName().endsWith("Ids") && argument.hasWrapper() && argument.getWrapper().isCollectionOrArrayOrMap()
                && reference != null && reference.getType() == ReferenceType.SCALAR && "String".equals(reference.getName());
    }
}
