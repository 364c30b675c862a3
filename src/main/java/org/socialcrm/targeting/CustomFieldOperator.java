package org.socialcrm.targeting;

import org.eclipse.microprofile.graphql.Enum;

@Enum("CustomFieldOperator")
public enum CustomFieldOperator {
    EQ, NEQ, LT, LTE, GT, GTE, IN, CONTAINS, IS_SET, IS_NOT_SET
}
