package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import graphql.language.Field;

/**
 * A Relay-style connection ({@code edges { cursor node }}, {@code pageInfo}, {@code totalCount}) over numbered rows:
 * the page query keeps {@code first + 1} rows, numbered {@code rn} in page order, so the extra row tells whether
 * another page follows, as in the repositories. A root connection that selects edges or pageInfo is read as rows, one
 * per node ({@link PageAsRows}); any other (nested in a row, or only its totalCount) as one text value.
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
        if (compiler.takesRows() && readsRows(field)) {
            return rows(field, compiler.readAsRows(page, numberedRows, first), countSql, compiler, p);
        }
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

    private static boolean readsRows(Field field) {
        return field.getSelectionSet() != null && SelectionCompiler.fields(field.getSelectionSet()).stream()
                .anyMatch(part -> part.getName().equals("edges") || part.getName().equals("pageInfo"));
    }

    /** The connection over {@code rows}; its value here is only the statement's text (compiled reads take the rest from {@code rows}). */
    private TextValue rows(Field field, PageAsRows rows, Supplier<String> countSql, SelectionCompiler compiler, String p) {
        List<RowsJson.Member> members = new ArrayList<>();
        for (Field part : SelectionCompiler.fields(field.getSelectionSet())) {
            RowsJson.Value value = switch (part.getName()) {
                case "__typename" -> RowsJson.constant(typeNameJson(typeName));
                case "totalCount" -> {
                    if (countSql == null) {
                        throw new NotCompilable(typeName + ".totalCount");
                    }
                    TextValue count = TextValue.number("(" + countSql.get() + ")::int");
                    yield RowsJson.header(rows.header(count.sql()), count.json());
                }
                case "edges" -> {
                    int start = rows.columns();
                    yield RowsJson.edges(start, edge(part, rows, compiler, p));
                }
                case "pageInfo" -> RowsJson.object(pageInfo(part, rows, p));
                default -> throw new NotCompilable(typeName + "." + part.getName());
            };
            members.add(RowsJson.member(part.getResultKey(), value));
        }
        rows.json(new RowsJson(members));
        return new TextValue(rows.statement(List.of()), null);
    }

    /** An edge written from the row's values: its cursor and its node's values, each a column. */
    private ObjectJson edge(Field edges, PageAsRows rows, SelectionCompiler compiler, String p) {
        if (edges.getSelectionSet() == null) {
            throw new NotCompilable(edgeTypeName + " without a selection");
        }
        List<ObjectJson.Member> members = new ArrayList<>();
        for (Field part : SelectionCompiler.fields(edges.getSelectionSet())) {
            switch (part.getName()) {
                case "__typename" -> members.add(ObjectJson.constant(part.getResultKey(), typeNameJson(edgeTypeName)));
                case "cursor" -> {
                    rows.column(TextValue.string(cursor(p)).sql());
                    members.add(ObjectJson.read(part.getResultKey(), TextJson.STRING));
                }
                case "node" -> {
                    SelectionCompiler.ObjectColumns object = compiler.columns(node, part, p);
                    object.values().forEach(rows::column);
                    members.add(ObjectJson.inline(part.getResultKey(), object.json()));
                }
                default -> throw new NotCompilable(edgeTypeName + "." + part.getName());
            }
        }
        return new ObjectJson(members);
    }

    private List<RowsJson.Member> pageInfo(Field pageInfo, PageAsRows rows, String p) {
        if (pageInfo.getSelectionSet() == null) {
            throw new NotCompilable("PageInfo without a selection");
        }
        List<RowsJson.Member> members = new ArrayList<>();
        for (Field part : SelectionCompiler.fields(pageInfo.getSelectionSet())) {
            RowsJson.Value value = switch (part.getName()) {
                case "__typename" -> RowsJson.constant(typeNameJson("PageInfo"));
                case "hasNextPage" -> RowsJson.hasNextPage();
                case "endCursor" -> RowsJson.last(rows.column(TextValue.string(cursor(p)).sql()), TextJson.STRING);
                default -> throw new NotCompilable("PageInfo." + part.getName());
            };
            members.add(RowsJson.member(part.getResultKey(), value));
        }
        return members;
    }

    private static String typeNameJson(String name) {
        StringBuilder out = new StringBuilder();
        TextJson.string(name, out);
        return out.toString();
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
