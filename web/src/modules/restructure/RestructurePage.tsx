/** Placeholder until the restructure screens land. */
export default function RestructurePage() {
  return null;
}
