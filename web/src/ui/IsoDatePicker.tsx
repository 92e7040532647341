import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { DATE_FORMATS } from './format';

dayjs.extend(customParseFormat);

const ISO = 'YYYY-MM-DD';

type Props = Omit<DatePickerProps, 'value' | 'onChange' | 'format' | 'disabledDate'> & {
  value: string | null | undefined;
  onChange: (iso: string | undefined) => void;
  /** Dates after today cannot be chosen (the default: figures and events are about the past). */
  allowFuture?: boolean;
  /** Further limits, in ISO dates, e.g. the other end of a range. */
  min?: string;
  max?: string;
};

/**
 * The one date picker of the app: the app keeps dates as `YYYY-MM-DD` strings (as the API
 * does) and people see and type dd/mm/yyyy.
 */
export function IsoDatePicker({ value, onChange, allowFuture = false, min, max, ...rest }: Props) {
  const disabledDate = (d: Dayjs) =>
    (!allowFuture && d.isAfter(dayjs(), 'day')) || (!!min && d.isBefore(dayjs(min, ISO), 'day')) || (!!max && d.isAfter(dayjs(max, ISO), 'day'));
  return (
    <DatePicker
      style={{ width: '100%' }}
      placeholder="dd/mm/yyyy"
      {...rest}
      format={DATE_FORMATS}
      value={value ? dayjs(value, ISO) : null}
      onChange={(d) => onChange(d ? d.format(ISO) : undefined)}
      disabledDate={disabledDate}
    />
  );
}
