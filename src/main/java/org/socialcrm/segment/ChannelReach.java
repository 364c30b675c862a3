package org.socialcrm.segment;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.ContactChannel;

/** How many of a segment's members a channel reaches (reachableBy), and how many of those prefer it. */
@Type("ChannelReach")
public record ChannelReach(@NonNull ContactChannel channel, int reachable,
        @Description("Reachable members whose preferred channel this is.") int preferring) {
}
