/** Placeholder until the admissions screens land. */
export default function CandidatePage() {
  return null;
}
