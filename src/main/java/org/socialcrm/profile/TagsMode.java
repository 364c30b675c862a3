package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Enum;

@Enum("TagsMode")
public enum TagsMode {
    ADD, REPLACE
}
