export default function StudySessionsPage() {
  return null;
}
