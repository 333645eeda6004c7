export { idInput } from "./id";
export {
  createPostInput,
  listPostsInput,
  POST_CONTENT_MAX,
  POST_PAGE_DEFAULT,
  POST_PAGE_MAX,
  POST_TITLE_MAX,
  type CreatePostInput,
} from "./post";
