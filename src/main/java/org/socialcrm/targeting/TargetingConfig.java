package org.socialcrm.targeting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Hard limits on segment rules (docs/targeting.md): a rule is refused beyond them, with the limit in the error. */
@ConfigMapping(prefix = "scrm.targeting")
public interface TargetingConfig {

    /** Levels of and/or/not a rule may nest, as written. */
    @WithDefault("10")
    int maxRuleDepth();

    /** Nodes a rule may hold, as written. */
    @WithDefault("200")
    int maxRuleNodes();

    /** Nodes once the saved segments it names (and those they name) are inlined. */
    @WithDefault("2000")
    int maxInlinedNodes();
}
