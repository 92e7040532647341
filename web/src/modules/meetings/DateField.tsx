import { IsoDatePicker } from '../../ui/IsoDatePicker';

/** The app's date picker as an antd form control (value and onChange in ISO dates). */
export function DateField({ value, onChange, allowFuture, id }: { value?: string; onChange?: (v: string | undefined) => void; allowFuture?: boolean; id?: string }) {
  return <IsoDatePicker id={id} value={value} onChange={(v) => onChange?.(v)} allowFuture={allowFuture} />;
}
