/** BullMQ queue names; every key also carries the REDIS_PREFIX so installs can share a Redis. */
export const QueueNames = {
  runs: 'runs',
  executions: 'executions',
  approvals: 'approvals',
  notifications: 'notifications',
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];
