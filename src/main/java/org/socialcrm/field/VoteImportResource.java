package org.socialcrm.field;

import java.io.IOException;
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
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Early-vote files: {@code POST /api/votes?election=E&source=S} with a CSV body whose header names the columns
 * {@code system} and {@code value} (the external id of each voter, as imported from the voter file). Marks every
 * matching contact as having voted in E, in one transaction and one statement; idempotent. Same rules as markVoted
 * (crm-analyst and up, or partners with contacts:write). Answers {@code {"rows":n,"matched":n,"marked":n}}.
 */
@Path("/api/votes")
public class VoteImportResource {

    static final int MAX_ROWS = 100_000;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final TenantRequests requests;
    private final VoteRepository votes;

    public VoteImportResource(TenantRequests requests, VoteRepository votes) {
        this.requests = requests;
        this.votes = votes;
    }

    @POST
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> importVotes(@QueryParam("election") String election, @QueryParam("source") String source, String body) {
        String name = GotvGraphQLApi.election(election);
        if (source != null && source.length() > 200) {
            throw new BadUserInputException("source", "at most 200 characters");
        }
        List<String[]> rows = rows(body);
        String[] systems = rows.stream().map(r -> r[0]).toArray(String[]::new);
        String[] values = rows.stream().map(r -> r[1]).toArray(String[]::new);
        return requests.mutate(Permission.WRITE_CONTACTS, "votes.import",
                (scope, connection) -> votes.markByExternalIds(connection, systems, values, name, source == null ? "early-vote file" : source),
                counts -> name)
                .map(counts -> RestErrors.json(200, new JsonObject().put("rows", rows.size()).put("matched", counts[0]).put("marked", counts[1])));
    }

    /** The (system, value) pairs of the body; BAD_USER_INPUT on {@code body} when it is no such CSV. */
    private static List<String[]> rows(String body) {
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> records = CSV.readerFor(String[].class).readValues(body == null ? "" : body)) {
            int system = -1;
            int value = -1;
            if (records.hasNext()) {
                String[] header = records.next();
                for (int i = 0; i < header.length; i++) {
                    String column = header[i].trim().toLowerCase(Locale.ROOT);
                    system = column.equals("system") ? i : system;
                    value = column.equals("value") ? i : value;
                }
            }
            if (system < 0 || value < 0) {
                throw new BadUserInputException("body", "a CSV whose header names the columns system and value");
            }
            while (records.hasNext()) {
                String[] record = records.next();
                if (record.length == 1 && record[0].isBlank()) {
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    throw new BadUserInputException("body", "at most " + MAX_ROWS + " rows per request");
                }
                if (record.length > Math.max(system, value) && !record[system].isBlank() && !record[value].isBlank()) {
                    rows.add(new String[] { record[system].trim(), record[value].trim() });
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadUserInputException input) {
                throw input;
            }
            throw new BadUserInputException("body", "not readable as CSV");
        }
        return rows;
    }
}
