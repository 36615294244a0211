import { useState } from 'react';
import type { CheckPlan, JobStatus } from '../../../src-shared/sources';
import { callApi } from '../api';
import { followJob } from '../jobs';
import { hrefOf } from '../router';

/**
 * "Check for updates": first shows which hosts will be contacted and waits for the reviewer's
 * go-ahead, then fetches with progress and a Cancel button, then lists each vendor's result.
 */
export function CheckUpdates(props: { onChanged: () => void }) {
  const [plan, setPlan] = useState<CheckPlan | null>(null);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const prepare = async (): Promise<void> => {
    setError(null);
    setJob(null);
    try {
      setPlan(await callApi('sources.planCheck', {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const run = async (): Promise<void> => {
    setPlan(null);
    try {
      const final = await followJob(await callApi('sources.checkStart', {}), setJob);
      if (final.checkResults?.some((r) => r.outcome === 'changed')) {
        props.onChanged();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="check-updates" aria-labelledby="check-heading">
      <div className="toolbar">
        <h3 id="check-heading">Published lists</h3>
        <button type="button" onClick={() => void prepare()} disabled={job?.state === 'running'}>
          Check for updates…
        </button>
      </div>
      {plan && (
        <div className="plan" role="dialog" aria-label="Hosts to contact">
          {plan.hosts.length === 0 ? (
            <p>No vendor has a page address yet. Open a vendor&apos;s History tab to add one.</p>
          ) : (
            <>
              <p>
                This will contact {plan.hosts.length} host{plan.hosts.length === 1 ? '' : 's'} for{' '}
                {plan.vendorCount} vendor{plan.vendorCount === 1 ? '' : 's'}:
              </p>
              <ul>
                {plan.hosts.map((h) => (
                  <li key={h.host}>
                    <strong>{h.host}</strong> — {h.vendors.map((v) => v.vendor).join(', ')}
                    {h.vendors.some((v) => !v.isHttps) && (
                      <span className="warning">
                        {' '}
                        (plain http: the page could be altered on the way)
                      </span>
                    )}
                  </li>
                ))}
              </ul>
              <p className="muted">{plan.note}</p>
            </>
          )}
          <div className="toolbar">
            {plan.hosts.length > 0 && (
              <button type="button" className="primary" onClick={() => void run()}>
                Contact them now
              </button>
            )}
            <button type="button" onClick={() => setPlan(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {job && (
        <div role="status" className="progress">
          {job.state === 'running' && (
            <>
              <progress max={job.total || 1} value={job.done} aria-label="Check progress" />{' '}
              <button type="button" onClick={() => void callApi('jobs.cancel', { jobId: job.id })}>
                Cancel
              </button>{' '}
            </>
          )}
          {job.message}
        </div>
      )}
      {job?.checkResults && job.checkResults.length > 0 && (
        <table className="entries" aria-label="Update check results">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">Result</th>
              <th scope="col">Changes</th>
              <th scope="col">Object by</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {job.checkResults.map((r) => (
              <tr key={r.vendorId}>
                <td>
                  <a
                    href={hrefOf({
                      name: 'vendor',
                      vendorId: r.vendorId,
                      tab: r.outcome === 'changed' ? 'changes' : 'review',
                    })}
                  >
                    {r.vendor}
                  </a>
                </td>
                <td className={r.outcome === 'failed' ? 'error' : undefined}>{r.outcome}</td>
                <td>
                  {r.diffSummary
                    ? `+${r.diffSummary.added} −${r.diffSummary.removed} ~${r.diffSummary.changed}`
                    : '—'}
                </td>
                <td>{r.deadline ? `${r.deadline.deadline} (${r.deadline.daysLeft} d)` : '—'}</td>
                <td className="purpose">
                  {[r.reason, ...(r.notes ?? [])].filter(Boolean).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
