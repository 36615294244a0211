import type { JobStatus } from '../../src-shared/sources';
import { callApi } from './api';

/** Polls a job until it ends, reporting each status; resolves with the final one. */
export async function followJob(
  start: JobStatus,
  onStatus: (s: JobStatus) => void,
): Promise<JobStatus> {
  let status = start;
  onStatus(status);
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 150));
    status = await callApi('jobs.status', { jobId: status.id });
    onStatus(status);
  }
  return status;
}
