package org.socialcrm.connector;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.Network;

@Input("ConnectSocialAccountInput")
public record ConnectSocialAccountInput(@NonNull Network network, @Id @NonNull String identityId, @NonNull String accessToken,
        String refreshToken, OffsetDateTime expiresAt, String externalAccountId,
        @Description("Own pull interval in seconds (60 to 604800); default: the tenant's setting, else 1 hour.") Integer syncIntervalSeconds,
        @Description("Mastodon only: base URL of the account's instance (https); default: the configured Mastodon base URL. "
                + "The account's token is sent to this instance only.") String instanceUrl) {

    @Override
    public String toString() {
        return "ConnectSocialAccountInput[network=" + network + ", identityId=" + identityId + "]";
    }
}
