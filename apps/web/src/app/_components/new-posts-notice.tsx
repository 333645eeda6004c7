/**
 * Others' new posts, waiting for the reader to ask for them: a button, so
 * nothing moves under their eyes. The live region is always there, so screen
 * readers announce the count as it appears and grows, without taking focus.
 */
export function NewPostsNotice({ count, onReveal }: { count: number; onReveal: () => void }) {
  return (
    <div aria-live="polite">
      {count > 0 && (
        <button
          type="button"
          onClick={onReveal}
          className="w-full rounded-md bg-blue-700 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-900"
        >
          {count === 1 ? "1 new post" : `${count} new posts`}
        </button>
      )}
    </div>
  );
}
