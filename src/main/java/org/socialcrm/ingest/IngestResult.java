package org.socialcrm.ingest;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.IngestRejection;

/** accepted: new points written; duplicates: valid points already stored (or repeated in the request); rejected: invalid ones. */
@Type("IngestResult")
public record IngestResult(int accepted, int duplicates, @NonNull List<@NonNull IngestRejection> rejected) {
}
