package org.socialcrm.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;

/** The one SQL builder of the filter fields ({@link ContactFilterInput}): every value is a bound parameter. */
public final class FilterConditions {

    private FilterConditions() {
    }

    public static Condition of(ContactFilterInput criteria, KnownStages stages, String fieldPrefix) {
        if (criteria == null) {
            return Condition.TRUE;
        }
        List<Condition> out = new ArrayList<>();
        if (criteria.search() != null && !criteria.search().isBlank()) {
            String term = criteria.search().trim().toLowerCase(Locale.ROOT);
            if (term.length() > 200) {
                throw new BadUserInputException(fieldPrefix + "search", "at most 200 characters");
            }
            String like = "%" + escapeLike(term) + "%";
            String handle = "%" + escapeLike(term.replaceFirst("^@", "")) + "%";
            out.add(Condition.of("(lower(c.display_name) like ? or lower(c.email) like ? or exists (select 1 from social_identity si "
                    + "where si.contact_id = c.id and si.handle_normalized like ?))", like, like, handle));
        }
        if (criteria.stageIn() != null) {
            for (String stage : criteria.stageIn()) {
                stages.require(stage, fieldPrefix + "stageIn");
            }
            if (criteria.stageIn().size() == 1) {
                // equality lets the planner walk the (lifecycle_stage, updated_at) index in order; any() does not
                out.add(Condition.of("c.lifecycle_stage = ?", criteria.stageIn().get(0)));
            } else {
                out.add(Condition.of("c.lifecycle_stage = any(?)", (Object) criteria.stageIn().toArray(String[]::new)));
            }
        }
        if (criteria.networkIn() != null) {
            out.add(Condition.of("exists (select 1 from social_identity si where si.contact_id = c.id and si.network = any(?))",
                    (Object) criteria.networkIn().stream().map(Enum::name).toArray(String[]::new)));
        }
        if (criteria.minFollowers() != null) {
            out.add(Condition.of("exists (select 1 from social_identity si where si.contact_id = c.id and si.followers >= ?)",
                    criteria.minFollowers().longValue()));
        }
        if (criteria.minInfluenceScore() != null) {
            out.add(Condition.of("c.influence_score >= ?", criteria.minInfluenceScore()));
        }
        if (criteria.tagsAny() != null) {
            out.add(Condition.of("c.tags && ?", (Object) criteria.tagsAny().toArray(String[]::new)));
        }
        if (criteria.country() != null) {
            out.add(Condition.of("upper(c.country) = upper(?)", criteria.country().trim()));
        }
        if (criteria.postalCode() != null) {
            out.add(Condition.of("c.postal_code like ?", criteria.postalCode().trim().replace("%", "").replace("_", "") + "%"));
        }
        if (criteria.updatedAfter() != null) {
            out.add(Condition.of("c.updated_at > ?", criteria.updatedAfter()));
        }
        if (criteria.touchedByCampaign() != null) {
            out.add(Condition.of("exists (select 1 from touchpoint t where t.contact_id = c.id and t.campaign_id = ?)",
                    Ids.require(criteria.touchedByCampaign(), fieldPrefix + "touchedByCampaign")));
        }
        if (criteria.reachableBy() != null) {
            out.add(Condition.of(Reachability.reachable(criteria.reachableBy())));
        }
        return Condition.and(out);
    }

    static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
