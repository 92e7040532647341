export default function RatingsPage() {
  return null;
}
