import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { webUrl } from '../lib/links';

type Props = {
  /** Opened outside the app when it is a web link; otherwise the content shows as plain text. */
  url: string | null | undefined;
  className: string | undefined;
  /** The link's tooltip. */
  title: string;
  /** The plain text's tooltip, when there is no link. */
  fallbackTitle?: string;
  testId?: string;
  children: ReactNode;
};

/** A link to a page outside Caredesk (a carrier's tracking, a provider's media), or its text alone. */
export function WebLink({ url, className, title, fallbackTitle, testId, children }: Props) {
  const href = webUrl(url);
  if (href === null) {
    return (
      <span className={className} title={fallbackTitle}>
        {children}
      </span>
    );
  }
  return (
    <Anchor
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className={className}
      title={title}
      data-testid={testId}
    >
      {children}
    </Anchor>
  );
}
