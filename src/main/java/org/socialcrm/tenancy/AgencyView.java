package org.socialcrm.tenancy;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Agency")
public record AgencyView(@Id @NonNull String id, @NonNull String name) {

    public static AgencyView of(Agency agency) {
        return new AgencyView(agency.id, agency.name);
    }
}
