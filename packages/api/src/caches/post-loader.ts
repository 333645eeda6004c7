import { readsOf, type Db, type PostWithAuthor } from "@gatehouse/db";
import DataLoader from "dataloader";

/**
 * post.byId within one request: the calls of a tRPC batch are gathered into one
 * query (`WHERE id IN …`) instead of one each. Per request only, so it never
 * serves one request's answer to another.
 */
export function createPostLoader(db: Db): DataLoader<string, PostWithAuthor | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await readsOf(db).postsByIds(ids)).map((post) => [post.id, post]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
