package org.socialcrm.lifecycle;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.security.Subscriber;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One move of a contact between lifecycle stages. {@code contact} is resolved in batches; {@code campaign} is left
 * to the campaign feature ({@link #campaignId} carries the id).
 */
@Type("LifecycleTransition")
public record LifecycleTransition(@Id @NonNull String id, @Ignore long contactId, String fromStage, @NonNull String toStage,
        @NonNull OffsetDateTime occurredAt, @NonNull String source, String note, @Ignore Long campaignId,
        @Description("Subscriptions only: the change-feed cursor of this event; subscribe again with after: <it> to resume.")
        String changeCursor, @Ignore Subscriber subscriber) {

    static LifecycleTransition of(Row row) {
        return new LifecycleTransition(LifecycleTransitionTable.ID.read(row), LifecycleTransitionTable.CONTACT_ID.read(row),
                LifecycleTransitionTable.FROM_STAGE.read(row), LifecycleTransitionTable.TO_STAGE.read(row),
                LifecycleTransitionTable.OCCURRED_AT.read(row), LifecycleTransitionTable.SOURCE.read(row),
                LifecycleTransitionTable.NOTE.read(row), LifecycleTransitionTable.CAMPAIGN_ID.read(row), null, null);
    }

    /** The subscriber a batch of transitions was sent to, or null when they answer a query. */
    public static Subscriber subscriberOf(java.util.List<LifecycleTransition> batch) {
        return batch.isEmpty() ? null : batch.get(0).subscriber();
    }

    /** This transition as the event of a subscription: its feed cursor, and the subscriber its nested fields act for. */
    LifecycleTransition asEvent(String cursor, Subscriber by) {
        return new LifecycleTransition(id, contactId, fromStage, toStage, occurredAt, source, note, campaignId, cursor, by);
    }

}
