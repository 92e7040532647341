/** Placeholder until the admissions screens land. */
export default function AdmissionsPage() {
  return null;
}
