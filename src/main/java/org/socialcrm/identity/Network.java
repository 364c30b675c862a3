package org.socialcrm.identity;

import org.eclipse.microprofile.graphql.Enum;

/** The social networks an identity can live on (same values as the social_identity.network check). */
@Enum("Network")
public enum Network {
    X, FACEBOOK, INSTAGRAM, LINKEDIN, YOUTUBE, TIKTOK, MASTODON, BLUESKY
}
