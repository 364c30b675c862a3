package org.socialcrm.demo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Network;
import org.socialcrm.ingest.MetricIngest;
import org.socialcrm.ingest.MetricPointInput;
import org.socialcrm.profile.importing.ImportJob;
import org.socialcrm.profile.importing.ImportJobs;
import org.socialcrm.profile.importing.ImportKind;
import org.socialcrm.profile.importing.ImportStaging;
import org.socialcrm.profile.importing.ImportWorker;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

/**
 * Loads one demo tenant's files (dev/demo/<slug>/, written by dev/demo/generate.py) the way an agency would:
 * people, touchpoints and conversions THROUGH the import pipeline (staged, run by the import worker, matched by
 * the external id {@code demo}), follower histories through the partner metric ingest, and what neither has a
 * way in for (campaigns, dated lifecycle moves) through {@link DemoHistory}. Blocking; skips a tenant that has
 * contacts already.
 */
@ApplicationScoped
public class DemoDataLoader {

    static final String ACTOR = "demo-seeder";

    private final TenantDirectory directory;
    private final TenantTransactions transactions;
    private final ImportStaging staging;
    private final ImportWorker worker;
    private final ImportJobs jobs;
    private final MetricIngest metrics;
    private final DemoHistory history;

    public DemoDataLoader(TenantDirectory directory, TenantTransactions transactions, ImportStaging staging, ImportWorker worker,
            ImportJobs jobs, MetricIngest metrics, DemoHistory history) {
        this.directory = directory;
        this.transactions = transactions;
        this.staging = staging;
        this.worker = worker;
        this.jobs = jobs;
        this.metrics = metrics;
        this.history = history;
    }

    /** What was loaded (for the log), or empty when the tenant already had contacts. */
    public Optional<String> load(String slug, Path dir) throws IOException {
        TenantScope scope = new TenantScope(directory.bySlug(slug).await().indefinitely().orElseThrow());
        long existing = transactions.inTenant(scope, c -> c.query("select count(*) from contact").execute()
                .map(rows -> rows.iterator().next().getLong(0))).await().indefinitely();
        if (existing > 0) {
            return Optional.empty();
        }
        List<String[]> campaignRows = rows(dir.resolve("campaigns.csv"));
        List<String[]> transitionRows = rows(dir.resolve("transitions.csv"));
        Map<Integer, Long> campaigns = transactions.inTenant(scope, c -> history.campaigns(c, campaignRows)).await().indefinitely();
        ImportJob contacts = run(scope, ImportKind.CONTACTS, Files.readString(dir.resolve("contacts.csv"), StandardCharsets.UTF_8));
        int points = ingestMetrics(scope, rows(dir.resolve("metrics.csv")));
        ImportJob touchpoints = run(scope, ImportKind.TOUCHPOINTS, withCampaignIds(dir.resolve("touchpoints.csv"), campaigns));
        ImportJob conversions = run(scope, ImportKind.CONVERSIONS, withCampaignIds(dir.resolve("conversions.csv"), campaigns));
        int moves = transactions.inTenant(scope, c -> history.transitions(c, transitionRows)).await().indefinitely();
        int influencers = transactions.inTenant(scope, history::influencers).await().indefinitely();
        return Optional.of(String.format("%d contacts, %d campaigns, %d metric points, %d touchpoints, %d conversions, %d lifecycle moves, "
                + "%d influencer identities (rejected rows: %d, %d, %d)", contacts.created(), campaigns.size(), points, touchpoints.created(),
                conversions.created(), moves, influencers, contacts.rejected(), touchpoints.rejected(), conversions.rejected()));
    }

    /** Stages the file as a job and drives the import worker until the job has ended. */
    private ImportJob run(TenantScope scope, ImportKind kind, String csv) throws IOException {
        ImportJob job = staging.stage(scope, ACTOR, kind, "csv", kind.matchKeys(), new StringReader(csv)).job();
        long id = Long.parseLong(job.id());
        while (true) {
            ImportJob now = transactions.inTenant(scope, c -> jobs.find(c, id)).await().indefinitely().orElseThrow();
            if (now.status().name().equals("SUCCEEDED") || now.status().name().equals("FAILED") || now.status().name().equals("CANCELLED")) {
                return now;
            }
            if (!Boolean.TRUE.equals(worker.runNext(Integer.MAX_VALUE).await().indefinitely())) {
                sleep(); // another thread (the scheduled worker) runs it
            }
        }
    }

    private int ingestMetrics(TenantScope scope, List<String[]> rows) {
        List<MetricPointInput> points = new ArrayList<>();
        for (String[] r : rows) {
            points.add(new MetricPointInput(null, Network.valueOf(r[1]), r[2], r[3], OffsetDateTime.parse(r[4]), Double.valueOf(r[5])));
        }
        int accepted = 0;
        for (int from = 0; from < points.size(); from += MetricIngest.MAX_POINTS) {
            List<MetricPointInput> batch = points.subList(from, Math.min(points.size(), from + MetricIngest.MAX_POINTS));
            accepted += transactions.inTenant(scope, c -> metrics.ingest(c, batch, List.of(), "demo")).await().indefinitely().accepted();
        }
        return accepted;
    }

    /** The file with its campaignId column (row numbers of campaigns.csv) turned into the tenant's campaign ids. */
    private static String withCampaignIds(Path file, Map<Integer, Long> campaigns) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int column = List.of(lines.get(0).split(",", -1)).indexOf("campaignId");
        StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1); // the generator writes no quoted cells in these files
            if (column >= 0 && !cells[column].isEmpty()) {
                cells[column] = String.valueOf(campaigns.get(Integer.valueOf(cells[column])));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    /** A generated CSV without its header (plain cells: no quoting in these files). */
    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
