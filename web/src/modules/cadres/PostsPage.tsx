/** Placeholder until the cadres screens land. */
export default function PostsPage() {
  return null;
}
