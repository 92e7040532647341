export default function CellRatingsPage() {
  return null;
}
