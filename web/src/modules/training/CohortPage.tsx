export default function CohortPage() {
  return null;
}
