package org.socialcrm.connector;

import org.socialcrm.common.Network;

/** A control-plane connector job this replica holds the lease of. */
public record LeasedJob(long tenantId, String tenantSlug, long accountId, Network network) {
}
