import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router';

/**
 * A button-looking link: a real <a href> (so it can open in a new tab and reads as a link),
 * followed inside the app without reloading the page.
 */
export function LinkButton({ to, ...rest }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...rest}
      href={to}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        void navigate(to);
      }}
    />
  );
}
