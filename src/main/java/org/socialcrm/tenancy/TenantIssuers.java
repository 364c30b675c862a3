package org.socialcrm.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * An in-memory snapshot of the tenants that bring their own identity provider, by issuer, so that choosing the
 * issuer that verifies a bearer token costs no query: requests with made-up tokens and tenant names must not
 * reach the control plane before anything is verified. Refreshed when this replica provisions or reconciles
 * tenants, and every cache TTL for changes made by other replicas. Issuers the policy refuses (rows written before
 * it existed) are left out.
 */
@ApplicationScoped
public class TenantIssuers {

    private static final Logger LOG = Logger.getLogger(TenantIssuers.class);
    static final String SELECT = "select oidc_issuer, slug from control.tenant where oidc_issuer is not null order by slug";

    private final AgroalDataSource dataSource;
    private final TenantIssuerPolicy policy;
    private volatile Map<String, List<String>> tenantsByIssuer = Map.of();
    private Set<String> refused = Set.of();

    public TenantIssuers(AgroalDataSource dataSource, TenantIssuerPolicy policy) {
        this.dataSource = dataSource;
        this.policy = policy;
    }

    /** The slugs of the tenants that declared exactly this issuer; empty for any other string. */
    public List<String> tenantsOf(String issuer) {
        return issuer == null ? List.of() : tenantsByIssuer.getOrDefault(issuer, List.of());
    }

    /** Reads the snapshot again (blocking: JDBC). */
    public synchronized void refresh() {
        Map<String, List<String>> byIssuer = new LinkedHashMap<>();
        Set<String> refusedNow = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String issuer = rs.getString(1);
                String slug = rs.getString(2);
                if (policy.problem(issuer).isPresent()) {
                    refusedNow.add(slug);
                } else {
                    byIssuer.computeIfAbsent(issuer, i -> new ArrayList<>()).add(slug);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tenant issuers", e);
        }
        if (!refusedNow.isEmpty() && !refusedNow.equals(refused)) {
            LOG.warnf("The identity providers of tenants %s are ignored: their issuers break the issuer rules", refusedNow);
        }
        refused = refusedNow;
        byIssuer.replaceAll((issuer, slugs) -> List.copyOf(slugs));
        tenantsByIssuer = Map.copyOf(byIssuer);
    }

    @Scheduled(every = "${scrm.tenancy.cache-ttl:30s}", delayed = "${scrm.tenancy.cache-ttl:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshRegularly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh the tenant issuers; the last snapshot stays in use");
        }
    }
}
