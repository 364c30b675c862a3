package org.socialcrm.contact;

import java.util.List;
import java.util.Locale;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;

/** Turns filter criteria into conditions of a {@link ContactQuery}; every value is a bound parameter. */
public final class ContactFilters {

    private ContactFilters() {
    }

    public static ContactQuery apply(ContactQuery query, ContactCriteria criteria, List<String> stages, String fieldPrefix) {
        if (criteria == null) {
            return query;
        }
        if (criteria.search() != null && !criteria.search().isBlank()) {
            String term = criteria.search().trim().toLowerCase(Locale.ROOT);
            if (term.length() > 200) {
                throw new BadUserInputException(fieldPrefix + "search", "at most 200 characters");
            }
            String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            String handle = "%" + term.replaceFirst("^@", "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            query.where("(lower(c.display_name) like ? or lower(c.email) like ? or exists (select 1 from social_identity si "
                    + "where si.contact_id = c.id and si.handle_normalized like ?))", like, like, handle);
        }
        if (criteria.stageIn() != null) {
            for (String stage : criteria.stageIn()) {
                if (!stages.contains(stage)) {
                    throw new BadUserInputException(fieldPrefix + "stageIn", "unknown stage " + stage);
                }
            }
            if (criteria.stageIn().size() == 1) {
                // equality lets the planner walk the (lifecycle_stage, updated_at) index in order; any() does not
                query.where("c.lifecycle_stage = ?", criteria.stageIn().get(0));
            } else {
                query.where("c.lifecycle_stage = any(?)", (Object) criteria.stageIn().toArray(String[]::new));
            }
        }
        if (criteria.networkIn() != null) {
            query.where("exists (select 1 from social_identity si where si.contact_id = c.id and si.network = any(?))",
                    (Object) criteria.networkIn().toArray(String[]::new));
        }
        if (criteria.minFollowers() != null) {
            query.where("exists (select 1 from social_identity si where si.contact_id = c.id and si.followers >= ?)",
                    criteria.minFollowers().longValue());
        }
        if (criteria.minInfluenceScore() != null) {
            query.where("c.influence_score >= ?", criteria.minInfluenceScore());
        }
        if (criteria.tagsAny() != null) {
            query.where("c.tags && ?", (Object) criteria.tagsAny().toArray(String[]::new));
        }
        if (criteria.country() != null) {
            query.where("upper(c.country) = upper(?)", criteria.country().trim());
        }
        if (criteria.postalCode() != null) {
            query.where("c.postal_code like ?", criteria.postalCode().trim().replace("%", "").replace("_", "") + "%");
        }
        if (criteria.updatedAfter() != null) {
            query.where("c.updated_at > ?", criteria.updatedAfter());
        }
        if (criteria.touchedByCampaign() != null) {
            query.where("exists (select 1 from touchpoint t where t.contact_id = c.id and t.campaign_id = ?)",
                    Ids.require(criteria.touchedByCampaign(), fieldPrefix + "touchedByCampaign"));
        }
        return query;
    }
}
