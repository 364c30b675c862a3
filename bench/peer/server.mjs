// PostGraphile 5 over the benchmark tenant's schema: the peer that bench/run.sh (BENCH_PEER=postgraphile) compares
// the service with. Amber preset (PostGraphile's defaults), production mode, no GraphiQL, no watch, no auth.
//   node server.mjs <connection-string> <schema> <port> <pool-size>
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const [connectionString, schema, port, poolSize] = process.argv.slice(2);

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: [schema], poolConfig: { max: Number(poolSize) } })],
  grafserv: { graphiql: false, watch: false, maxRequestLength: 100000 },
  grafast: { explain: false },
  // PostGraphile hides relations, conditions and orders that no full index serves (the influencer index is partial):
  // this exposes them, as the service does, so both answer the same documents.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => {
  console.error(e);
  process.exit(1);
});
await serv.addTo(server);
server.listen(Number(port), "127.0.0.1", () => console.log(`PEER_READY http://127.0.0.1:${port}/graphql`));
