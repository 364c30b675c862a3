package org.socialcrm.profile.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.RestErrors;
import org.socialcrm.profile.MatchKey;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /api/imports?format=csv|ndjson[&matchOn=EMAIL,PHONE]}: streams the body into the job's staging rows
 * (batches of {@code scrm.imports.batch-size}, memory flat whatever the size), then queues the job and answers 202
 * with its id. {@code kind=contacts} (default) needs crm-analyst and up or the partner scope contacts:write;
 * {@code kind=touchpoints|conversions} crm-analyst and up or campaigns:write. X-Tenant-ID; 403 otherwise,
 * 400 for an unknown format, kind, match key or CSV column (nothing is created then).
 */
@Path("/api/imports")
public class ImportResource {

    private final TenantAccess access;
    private final ImportStaging staging;

    public ImportResource(TenantAccess access, ImportStaging staging) {
        this.access = access;
        this.staging = staging;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@QueryParam("format") String format, @QueryParam("kind") String kindName, @QueryParam("matchOn") String matchOn,
            InputStream body) throws IOException {
        String fileFormat = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!fileFormat.equals("csv") && !fileFormat.equals("ndjson")) {
            throw new BadUserInputException("format", "must be csv or ndjson");
        }
        ImportKind kind = ImportKind.parse(kindName);
        List<MatchKey> keys = matchKeys(matchOn, kind);
        TenantScope scope = access.resolve(kind.permission()).await().indefinitely();
        String actor = access.caller().subject();
        ImportStaging.Staged staged = staging.stage(scope, actor, kind, fileFormat, keys, new InputStreamReader(body, StandardCharsets.UTF_8));
        ImportJob job = staged.job();
        long total = staged.rows();
        return RestErrors.json(202, new JsonObject().put("id", job.id()).put("kind", kind.key()).put("status", "QUEUED").put("rowsTotal", total));
    }

    /** The keys of {@code matchOn} in their order; touchpoints and conversions are matched by external id, email or handle. */
    private static List<MatchKey> matchKeys(String matchOn, ImportKind kind) {
        List<MatchKey> allowed = kind.matchKeys();
        if (matchOn == null || matchOn.isBlank()) {
            return allowed;
        }
        List<MatchKey> keys = new ArrayList<>();
        for (String key : matchOn.split(",")) {
            try {
                MatchKey parsed = MatchKey.valueOf(key.trim().toUpperCase(Locale.ROOT));
                if (!allowed.contains(parsed)) {
                    throw new IllegalArgumentException();
                }
                keys.add(parsed);
            } catch (IllegalArgumentException e) {
                throw new BadUserInputException("matchOn", "comma-separated " + String.join(", ", allowed.stream().map(Enum::name).toList()));
            }
        }
        return keys.stream().distinct().toList();
    }
}
