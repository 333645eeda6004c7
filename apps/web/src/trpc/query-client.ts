import { transformer } from "@gatehouse/api/transformer";
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";

/** One QueryClient shape for the server (per request) and the browser (per tab). */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Data rendered on the server is fresh on arrival: no refetch on hydration.
      queries: { staleTime: 30_000 },
      dehydrate: {
        serializeData: transformer.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: transformer.deserialize },
    },
  });
}
