package org.socialcrm.connector;

import org.socialcrm.common.Network;

/**
 * What a connector needs to find the account on its network. {@code externalId} may be null (then the handle is used).
 * {@code instanceUrl} is the base URL an admin fixed when connecting the account (null: the configured one).
 */
public record ConnectorTarget(long accountId, Network network, String handle, String externalId, String instanceUrl) {
}
