package org.socialcrm.common;

import org.eclipse.microprofile.graphql.Enum;

/** The social networks a contact can have identities on. */
@Enum("Network")
public enum Network {
    X, FACEBOOK, INSTAGRAM, LINKEDIN, YOUTUBE, TIKTOK, MASTODON, BLUESKY
}
