package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Enum;

/** What identifies a person on upsert, in order of precedence. */
@Enum("MatchKey")
public enum MatchKey {
    EXTERNAL_ID, EMAIL, PHONE, SOCIAL_HANDLE
}
