package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Enum;

@Enum("CustomFieldType")
public enum CustomFieldType {
    TEXT, NUMBER, DATE, BOOLEAN, CHOICE
}
