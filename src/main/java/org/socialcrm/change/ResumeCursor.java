package org.socialcrm.change;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.socialcrm.common.BadUserInputException;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/**
 * Where a subscription starts: its {@code after} argument, else the {@code lastChangeCursor} connection parameter
 * (the graphql-transport-ws {@code connection_init} payload, which SmallRye keeps in the GraphQL context as
 * {@code init-payload}), else the present. A client that reconnects with its last cursor in the connection
 * parameters resumes every subscription of the connection from there without changing its documents.
 */
@ApplicationScoped
public class ResumeCursor {

    public static final String PARAMETER = "lastChangeCursor";
    static final String INIT_PAYLOAD = "init-payload";

    private final Context context;

    public ResumeCursor(Context context) {
        this.context = context;
    }

    /** The position to resume from (null: from now); must run while the subscription's request is current. */
    public ChangePosition of(String after) {
        if (after != null) {
            return ChangePosition.parse(after, "after");
        }
        return ChangePosition.parse(fromConnection(), PARAMETER);
    }

    private String fromConnection() {
        DataFetchingEnvironment environment = context.unwrap(DataFetchingEnvironment.class);
        Object payload = environment == null ? null : environment.getGraphQlContext().get(INIT_PAYLOAD);
        if (!(payload instanceof Map<?, ?> parameters)) {
            return null;
        }
        Object cursor = parameters.get(PARAMETER);
        if (cursor == null || cursor == JsonValue.NULL) {
            return null;
        }
        if (cursor instanceof JsonString text) {
            return text.getString();
        }
        throw new BadUserInputException(PARAMETER, "is not a change feed cursor");
    }
}
