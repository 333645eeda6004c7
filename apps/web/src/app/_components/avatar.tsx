export function Avatar({ name, image }: { name: string; image: string | null | undefined }) {
  if (image) {
    // Provider avatars live on arbitrary hosts; next/image would need each one allow-listed.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={image} alt="" className="size-8 rounded-full" />;
  }
  return (
    <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-amber-200 text-sm font-semibold">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
