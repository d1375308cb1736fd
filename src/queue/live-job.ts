import type { Queue } from 'bullmq';

/** Whether a job is waiting, delayed or active; an ended one is removed so its id can be queued again. */
export async function hasLiveJob(queue: Queue, jobId: string): Promise<boolean> {
  const job = await queue.getJob(jobId);
  if (!job) return false;
  const state = await job.getState();
  if (state === 'completed' || state === 'failed' || state === 'unknown') {
    await job.remove().catch(() => undefined);
    return false;
  }
  return true;
}
