export default function InspectionCasePage() {
  return null;
}
