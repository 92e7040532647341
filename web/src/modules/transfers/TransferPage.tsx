/** Placeholder until the transfers screens land. */
export default function TransferPage() {
  return null;
}
