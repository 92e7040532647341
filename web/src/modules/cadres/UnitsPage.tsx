/** Placeholder until the cadres screens land. */
export default function UnitsPage() {
  return null;
}
