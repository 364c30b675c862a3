package org.socialcrm.demo;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo data for the demo tenants (dev/README.md): on in dev, off elsewhere. */
@ConfigMapping(prefix = "scrm.demo")
public interface DemoConfig {

    /** Load dev/demo/<slug>/ into each demo tenant whose contact table is empty, in the background after start. */
    @WithDefault("false")
    boolean seed();

    /** Where the generated files are (dev/demo/generate.py writes them). */
    @WithDefault("dev/demo")
    String dir();

    @WithDefault("lumen-cosmetics,greenway-2026,acme-outdoor,bluepeak-coffee")
    List<String> tenants();
}
