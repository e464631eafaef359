namespace ImapClient.Session;

/// <summary>
/// Commands from many tasks share socket writes. While other commands are in flight, a command that needs no
/// continuation is written to the pipe and its flush is left to a work item queued behind the continuations the
/// reader loop has just released: the commands they send meanwhile go out in the same write. The server then reads
/// several commands at once and answers them in fewer packets, and both sides make fewer system calls. A lone command
/// (nothing else in flight) is flushed at once, so a caller waiting on one command at a time pays no extra hop.
/// </summary>
/// <remarks>Owns the scheduled-flush flag (guarded by the write lock).</remarks>
internal sealed partial class ImapSession
{
    // Guarded by the write lock.
    private bool _flushScheduled;

    /// <summary>Whether the command just registered has company: then its flush may wait for others to join it.</summary>
    private bool OthersInFlight()
    {
        lock (_inflightLock)
        {
            return _inflight.Count > 1;
        }
    }

    /// <summary>Leaves the flush to a queued work item, unless one is queued already. Called holding the write lock.</summary>
    private void ScheduleFlush()
    {
        if (_flushScheduled)
        {
            return;
        }

        _flushScheduled = true;
        ThreadPool.UnsafeQueueUserWorkItem(static session => _ = session.FlushScheduledAsync(), this, preferLocal: false);
    }

    /// <summary>
    /// For a writer about to wait while holding the write lock: the scheduled flush could not run until it let go.
    /// </summary>
    private async ValueTask FlushIfScheduledAsync()
    {
        if (_flushScheduled)
        {
            try
            {
                await FlushAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not ImapConnectionException and not TimeoutException)
            {
                // These bytes belong to commands already in flight, which have no flush of their own to fail from: what
                // did not go out (or went out in part) leaves the stream out of step, for them and for the caller here.
                Fault(ex);
                throw new ImapConnectionException($"Sending the commands in flight failed: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Flushes whatever was written since the last flush. A failure here has no caller to go to: the commands written
    /// are in flight and learn of it through the fault, like any broken connection.
    /// </summary>
    private async Task FlushScheduledAsync()
    {
        try
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_fault is null)
                {
                    await FlushIfScheduledAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
#pragma warning disable CA1031 // Whatever broke the write breaks the connection; the commands in flight get it from Fault.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fault(ex);
        }
    }
}
