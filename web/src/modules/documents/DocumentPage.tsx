export default function DocumentPage() {
  return null;
}
