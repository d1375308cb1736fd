/**
 * Hands deliveries to the webhook worker (BullMQ in src/queue). The job id is the delivery id, so
 * queueing one delivery twice is a no-op; retries with back-off are the queue's business.
 */
export interface WebhookDeliveryQueue {
  /**
   * `attemptsMade`: tries the delivery already had (a recovered delivery keeps its count, so it gets only the
   * attempts left); `delayMs`: wait before the first try (a recovered retry keeps its back-off).
   */
  enqueueDelivery(deliveryId: string, options?: { attemptsMade?: number; delayMs?: number }): Promise<void>;
  /** Whether the delivery's job is waiting, delayed or active (false: none, e.g. Redis came back empty). */
  hasLiveDelivery(deliveryId: string): Promise<boolean>;
}
