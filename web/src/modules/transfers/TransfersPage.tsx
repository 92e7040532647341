/** Placeholder until the transfers screens land. */
export default function TransfersPage() {
  return null;
}
