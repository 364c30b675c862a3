package org.socialcrm.graphql;

import java.util.function.Supplier;

import graphql.language.Field;

/**
 * A Relay-style connection ({@code edges { cursor node }}, {@code pageInfo}, {@code totalCount}) over numbered rows:
 * the page query keeps {@code first + 1} rows, numbered {@code rn} in page order, so the extra row tells whether
 * another page follows, as in the repositories.
 */
public final class ConnectionShape {

    private final String typeName;
    private final String edgeTypeName;
    private final String node;
    private final String cursorKind;

    /** {@code node} names the nodes' type; {@code cursorKind} null: the cursor fields do not compile (their text would differ from the general path's). */
    public ConnectionShape(String typeName, String edgeTypeName, String node, String cursorKind) {
        this.typeName = typeName;
        this.edgeTypeName = edgeTypeName;
        this.node = node;
        this.cursorKind = cursorKind;
    }

    /**
     * @param numberedRows rows with the node's columns, {@code sort_key} and {@code rn} (1, 2, ... in page order)
     * @param countSql the total count (embedded only when selected: every bound parameter must be used), or null when
     *        {@code totalCount} does not compile
     */
    public TextValue compile(Field field, String numberedRows, int first, Supplier<String> countSql, SelectionCompiler compiler) {
        String p = compiler.sql().alias("p");
        String inPage = " filter (where " + p + ".rn <= " + first + ")";
        PageRows page = compiler.page(p, p + ".rn <= " + first);
        PartShape edge = new PartShape(edgeTypeName, part -> switch (part.getName()) {
            case "cursor" -> TextValue.string(cursor(p));
            case "node" -> compiler.object(node, part, p);
            default -> throw new NotCompilable(edgeTypeName + "." + part.getName());
        });
        PartShape pageInfo = new PartShape("PageInfo", part -> switch (part.getName()) {
            case "hasNextPage" -> TextValue.bool("count(*) > " + first);
            case "endCursor" -> TextValue.string("(array_agg(" + cursor(p) + " order by " + p + ".rn desc)" + inPage + ")[1]");
            default -> throw new NotCompilable("PageInfo." + part.getName());
        });
        PartShape connection = new PartShape(typeName, part -> switch (part.getName()) {
            case "edges" -> {
                TextValue item = compiler.object(edge, part, p);
                yield new TextValue("coalesce(array_agg(" + item.sql() + " order by " + p + ".rn)" + inPage + ", '{}')::text",
                        TextJson.list(item.json()));
            }
            case "pageInfo" -> compiler.object(pageInfo, part, p);
            case "totalCount" -> {
                if (countSql == null) {
                    throw new NotCompilable(typeName + ".totalCount");
                }
                yield TextValue.number("(" + countSql.get() + ")::int");
            }
            default -> throw new NotCompilable(typeName + "." + part.getName());
        });
        // group by (): one row even when no aggregate is selected (only totalCount, say) or the page is empty
        TextValue object = compiler.object(connection, field, p);
        return new TextValue("(" + page.select(object.sql(), numberedRows) + ")", object.json());
    }

    /** {@link org.socialcrm.common.Cursor#encode()} in SQL: base64url without padding of "kind|sort key|id". */
    private String cursor(String p) {
        if (cursorKind == null) {
            throw new NotCompilable(typeName + " cursors");
        }
        return "translate(rtrim(replace(encode(convert_to(" + SqlJson.text(cursorKind + "|") + " || " + p + ".sort_key || '|' || "
                + p + ".id, 'UTF8'), 'base64'), E'\\n', ''), '='), '+/', '-_')";
    }
}
