// The words of a failed change order's error (annotation, summary box), for outcome/endings.ts: built apart, so
// they can be read and tested as the one message a person gets.
import { sentence } from './format.js';

/**
 * SAE's own words for a failed order: the order's error message and the first failing task. SAE often puts
 * the same sentence in both (the task line then repeats the order's message), so it is said once.
 */
export function saeSays(orderMessage: string | undefined, firstDetail: string | undefined): string {
  const order = sentence(orderMessage ?? '');
  const detail = sentence(firstDetail ?? '');
  const bare = (s: string) => s.replace(/\.$/, '');
  if (!order) return detail;
  if (!detail || detail.includes(bare(order))) return detail || order;
  if (order.includes(bare(detail))) return order;
  return `${bare(order)}: ${detail}`;
}

export interface FailedOrder {
  /** Change-order status: 3 failed, 6 terminated, 10 system error (1 with SubStatus 1: a failed batch). */
  status: number;
  /** The action's sentence for that status (changeorder/status.ts). */
  cause?: string;
  errorMessage?: string;
  firstDetail?: string;
  url?: string;
}

export function changeOrderFailedMessage(o: FailedOrder): string {
  const said = saeSays(o.errorMessage, o.firstDetail);
  const fix =
    o.status === 6
      ? 'Someone (or something) stopped it; check the change order in the console, then re-run the deploy.'
      : o.status === 10
        ? 'Re-run the deploy; if it fails again, open a ticket with the change order id.'
        : // Nothing is "above" an annotation or the summary's box: the fix names where the cause is.
          said
          ? 'Fix that cause (often the image or package, the start command, or a mount), then re-run.'
          : 'The console page of the change order shows the failing step; fix it (often the image or package, the start command, or a mount), then re-run.';
  return [
    sentence(o.cause ?? 'The change order failed.'),
    said && `SAE says: ${said}`,
    fix,
    o.url && `Change order: ${o.url}`,
  ]
    .filter(Boolean)
    .join(' ');
}
