export default function InspectionsPage() {
  return null;
}
