package org.socialcrm.contact;

import java.time.OffsetDateTime;
import java.util.List;

/** The filter fields shared by {@code contacts(filter)} and stored segments. */
public record ContactCriteria(String search, List<String> stageIn, List<String> networkIn, Integer minFollowers,
        Double minInfluenceScore, List<String> tagsAny, String country, String postalCode, OffsetDateTime updatedAfter,
        String touchedByCampaign) {
}
