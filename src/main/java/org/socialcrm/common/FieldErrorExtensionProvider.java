package org.socialcrm.common;

import jakarta.json.JsonValue;

import io.smallrye.graphql.api.ErrorExtensionProvider;

/** Adds {@code extensions.field} to BAD_USER_INPUT errors. */
public class FieldErrorExtensionProvider implements ErrorExtensionProvider {

    @Override
    public String getKey() {
        return "field";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        if (exception instanceof ApiException api && api.field() != null) {
            return JsonValues.JSON.createValue(api.field());
        }
        return JsonValue.NULL;
    }
}
