export default function AwardsPage() {
  return null;
}
