/**
 * Hands deliveries to the webhook worker (BullMQ in src/queue). The job id is the delivery id, so
 * queueing one delivery twice is a no-op; retries with back-off are the queue's business.
 */
export interface WebhookDeliveryQueue {
  enqueueDelivery(deliveryId: string): Promise<void>;
}
